import { z } from 'zod';
import { BackfillScope } from '../contract';
import { MAX_PAGE_SIZE } from './pacing';

/**
 * What a backfill keeps in the app's storage (@forge/kvs), validated when read back: the job (one
 * at a time per installation), one checkpoint per chain of pages, and the job-wide pace. Chains
 * write only their own checkpoint and the pace, admins only the job, so concurrent invocations do
 * not overwrite each other's records.
 */

/** Stored job states; `completed` and chain failures are derived from the chains (see jobState.ts). */
export const STORED_JOB_STATES = ['running', 'paused', 'cancelled', 'failed'] as const;

export const JobRecord = z.object({
  jobId: z.string().min(1),
  state: z.enum(STORED_JOB_STATES),
  scope: BackfillScope,
  /** The query as the admin sees it (restricted to the enabled projects). */
  jql: z.string(),
  addLabels: z.boolean(),
  estimatedTotal: z.number().int().nonnegative(),
  chainCount: z.number().int().positive(),
  createdAt: z.number(),
  /** Running time before `runningSince`, so pauses do not count in the rate. */
  activeMs: z.number().nonnegative(),
  /** Set while the job runs. */
  runningSince: z.number().optional(),
  /** When an admin paused, cancelled, or the start failed. */
  stoppedAt: z.number().optional(),
});
export type JobRecord = z.infer<typeof JobRecord>;

export const CHAIN_STATES = [
  /** A tick is queued (or running) for the chain. */
  'running',
  /** Stopped at a page boundary because the job is paused. */
  'paused',
  /** Out of queue pushes for its initial invocation; the relay gives it new ones. */
  'waiting-relay',
  'done',
  'failed',
  'cancelled',
] as const;
export type ChainState = (typeof CHAIN_STATES)[number];

export const ErrorRecord = z.object({
  at: z.number(),
  issueKey: z.string().optional(),
  operation: z.string().optional(),
  status: z.number().optional(),
  message: z.string(),
});
export type ErrorRecord = z.infer<typeof ErrorRecord>;

/** Errors a chain keeps; the status shows the newest of all chains. */
export const MAX_CHAIN_ERRORS = 10;

export const ChainRecord = z.object({
  jobId: z.string().min(1),
  index: z.number().int().nonnegative(),
  jql: z.string(),
  state: z.enum(CHAIN_STATES),
  /** Bumped when the chain is restarted from its checkpoint; ticks of older generations are dropped. */
  generation: z.number().int().nonnegative(),
  /** The tick the chain waits for; every tick pushes the next one. */
  seq: z.number().int().nonnegative(),
  /** The page in progress: its token (none for the first page) and size, and the issues done on it. */
  pageToken: z.string().optional(),
  pageSize: z.number().int().positive(),
  pageDone: z.array(z.string()),
  /** Share of the last page's issues that needed writes; sizes the next page. */
  writeShare: z.number().min(0).max(1),
  /** Projects whose edit screen turned out to lack the Labels field: their issues are written without label operations. */
  noLabelScreen: z.array(z.string()),
  /** Transient failures per issue on the page in progress. */
  issueAttempts: z.record(z.string(), z.number().int().positive()),
  /** Consecutive ticks that ended in a transient failure (5xx, connection). */
  retries: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  /** Queue pushes left to the lineage of the chain's queued tick (the cyclic invocation limit). */
  pushesLeft: z.number().int().nonnegative(),
  /** When the queued tick is due; the relay restarts a running chain silent long after it. */
  nextTickAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().optional(),
  errors: z.array(ErrorRecord).max(MAX_CHAIN_ERRORS),
});
export type ChainRecord = z.infer<typeof ChainRecord>;

export const PaceRecord = z.object({
  jobId: z.string().min(1),
  /** Jira calls per second the whole job may make (shared by the running chains). */
  callsPerSecond: z.number().positive(),
  /** Until the first burst 429 the pace grows fast (slow start), then gently. */
  slowStart: z.boolean(),
  /** Jira's quota is used up until then (ms since epoch). */
  pausedUntil: z.number().optional(),
  /** When a burst 429 last cut the pace. */
  lastCutAt: z.number().optional(),
});
export type PaceRecord = z.infer<typeof PaceRecord>;

/**
 * The queue event of one step of a chain. `pushesLeft` travels with the tick: the platform counts
 * pushes per initial invocation, so it belongs to the lineage that pushed this tick, and a relay's
 * copy of the tick brings a fresh allowance.
 */
export const TickBody = z.strictObject({
  jobId: z.string().min(1),
  chain: z.number().int().nonnegative(),
  generation: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  pushesLeft: z.number().int().nonnegative(),
  /** Set on a relay's tick: the relay claimed the step for it, so the chain's own tick for the step stands down. */
  reservation: z.string().min(1).optional(),
  /** How often a relay's tick has waited for the step before it to finish. */
  waits: z.number().int().nonnegative().optional(),
});
export type TickBody = z.infer<typeof TickBody>;

export function isFinished(chain: ChainRecord): boolean {
  return chain.state === 'done' || chain.state === 'failed' || chain.state === 'cancelled';
}

/** A chain as it starts: nothing read yet, its first page due now. */
export function newChain(jobId: string, index: number, jql: string, pushesLeft: number, now: number): ChainRecord {
  return {
    jobId,
    index,
    jql,
    state: 'running',
    generation: 0,
    seq: 0,
    pageSize: MAX_PAGE_SIZE,
    pageDone: [],
    writeShare: 1,
    noLabelScreen: [],
    issueAttempts: {},
    retries: 0,
    done: 0,
    skipped: 0,
    failed: 0,
    pages: 0,
    pushesLeft,
    nextTickAt: now,
    updatedAt: now,
    errors: [],
  };
}
