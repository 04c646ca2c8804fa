import type { PaceRecord } from './records';

/**
 * How fast a backfill calls Jira, and how it reacts to Jira's rate limits
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/). A chain never sleeps: each
 * tick makes at most its share of the job's calls per second, then queues the next tick with
 * `delayInSeconds` (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/).
 * The pace is learned like a congestion window: it grows quickly until Jira first answers a burst
 * 429, then gently; a burst 429 cuts it. A 429 by `RateLimit-Reason`:
 * - quota (`jira-quota-global-based`, `jira-quota-tenant-based`): the whole job pauses until the
 *   quota resets (Retry-After / X-RateLimit-Reset);
 * - burst (`jira-burst-based`, or no reason): the chain waits Retry-After and the job slows down;
 * - per issue (`jira-per-issue-on-write`): the chain waits Retry-After before writing that issue
 *   again (its writes are spaced), the pace stays.
 * Pure: the engine reads and stores the pace.
 */
export const PACE = {
  initialCallsPerSecond: 10,
  minCallsPerSecond: 1,
  maxCallsPerSecond: 100,
  /** Growth of the pace per round of ticks (every running chain ticking once) that the budget held back. */
  slowStartGrowth: 1.5,
  growth: 1.01,
  burstCut: 0.95,
  /** After a cut, further burst 429s within this time only delay the chain: they answer calls made at the pace already cut. */
  cutCooldownMs: 5_000,
  /** A tick that used at least this share of its budget was held back by the pace, so the pace may grow. */
  fullBudgetShare: 0.9,
  tickSeconds: 1,
  /**
   * The queue takes 500 events per minute per installation, and 1,000 pushes per initial invocation
   * (https://developer.atlassian.com/platform/forge/limits-async-events/): at 180 ticks a minute the
   * chains push at most 900 between two five-minute relays.
   */
  maxTicksPerMinute: 180,
  /** `delayInSeconds` is at most 900 (15 minutes). */
  maxDelaySeconds: 900,
  /** Backoff from 2 s after a 5xx or a lost connection, doubling (Atlassian's advice for retries). */
  transientBaseSeconds: 2,
  /** Consecutive failed ticks after which a chain gives up (about 8 minutes of backoff). */
  maxChainRetries: 8,
} as const;

/** POST /rest/api/3/search/jql returns at most 100 issues a page when fields are asked for. */
export const MAX_PAGE_SIZE = 100;
/** The search, one field write and one edit. */
export const MIN_CALLS_PER_TICK = 3;
/** The field value request takes many issues per value; the client sends at most 100 field/issue pairs a request. */
const FIELD_PAIRS_PER_REQUEST = 100;
const FIELDS_PER_ISSUE = 2;

export type RateLimitResponse = 'pause-job' | 'slow-down' | 'space-writes';

export function responseToRateLimit(reason: string): RateLimitResponse {
  if (reason === 'jira-quota-global-based' || reason === 'jira-quota-tenant-based') return 'pause-job';
  if (reason === 'jira-per-issue-on-write') return 'space-writes';
  return 'slow-down';
}

export function newPace(jobId: string): PaceRecord {
  return { jobId, callsPerSecond: PACE.initialCallsPerSecond, slowStart: true };
}

export interface TickPlan {
  /** Jira calls the tick may make. */
  callBudget: number;
  /** Seconds until the chain's next tick when this one ends normally. */
  delaySeconds: number;
  /** The running chains sharing the pace. */
  chains: number;
}

/**
 * One chain's share of the job's pace: its call budget per tick and the interval between ticks.
 * The whole calls of the pace are split between the running chains by their rank (0-based), so
 * the shares add up to the pace.
 */
export function planTick(pace: PaceRecord, runningChains: number, rank = 0): TickPlan {
  const chains = Math.max(1, runningChains);
  const perChain = pace.callsPerSecond / chains;
  const queueInterval = Math.ceil((60 * chains) / PACE.maxTicksPerMinute);
  const interval = Math.min(PACE.maxDelaySeconds, Math.max(PACE.tickSeconds, queueInterval, Math.ceil(MIN_CALLS_PER_TICK / perChain)));
  const calls = Math.floor(pace.callsPerSecond * interval);
  const share = Math.floor(calls / chains) + (rank % chains < calls % chains ? 1 : 0);
  return { callBudget: Math.max(MIN_CALLS_PER_TICK, share), delaySeconds: interval, chains };
}

/** Calls for writing `issues` issues: the batched field values, then one edit each. */
export function callsForWrites(issues: number): number {
  return issues === 0 ? 0 : Math.ceil((FIELDS_PER_ISSUE * issues) / FIELD_PAIRS_PER_REQUEST) + issues;
}

/**
 * The size of the next page: as many issues as the budget can write after the search, given the
 * share of the last page that needed writes (unchanged issues cost no call).
 */
export function pageSizeFor(callBudget: number, writeShare: number): number {
  const share = Math.min(1, Math.max(0.01, writeShare));
  let size = 1;
  while (size < MAX_PAGE_SIZE && 1 + callsForWrites(Math.ceil((size + 1) * share)) <= callBudget) size += 1;
  return size;
}

/** How a tick ended, as far as pacing cares. */
export type TickSignal =
  | { kind: 'clean'; callsUsed: number; callBudget: number; /** A per-issue 429 asked to wait this long before writing an issue again. */ waitSeconds?: number }
  | { kind: 'rate-limited'; reason: string; retryAfterSeconds: number }
  | { kind: 'transient'; retryAfterSeconds?: number };

export interface PaceDecision {
  pace: PaceRecord;
  delaySeconds: number;
  /** Consecutive failed ticks of the chain after this one. */
  retries: number;
}

export function afterTick(pace: PaceRecord, plan: TickPlan, signal: TickSignal, retries: number, now: number): PaceDecision {
  switch (signal.kind) {
    case 'clean': {
      const held = signal.callsUsed >= PACE.fullBudgetShare * signal.callBudget;
      // Each running chain's tick grows the pace by its share, so the job's pace grows by the factor per round of ticks.
      const growth = (pace.slowStart ? PACE.slowStartGrowth : PACE.growth) ** (1 / plan.chains);
      const grown = Math.min(PACE.maxCallsPerSecond, pace.callsPerSecond * growth);
      return { pace: held ? { ...pace, callsPerSecond: grown } : pace, delaySeconds: clampDelay(Math.max(plan.delaySeconds, signal.waitSeconds ?? 0)), retries: 0 };
    }
    case 'rate-limited':
      return afterRateLimit(pace, plan, signal.reason, signal.retryAfterSeconds, now);
    case 'transient': {
      const backoff = PACE.transientBaseSeconds * 2 ** retries;
      return { pace, delaySeconds: clampDelay(Math.max(plan.delaySeconds, backoff, signal.retryAfterSeconds ?? 0)), retries: retries + 1 };
    }
  }
}

function afterRateLimit(pace: PaceRecord, plan: TickPlan, reason: string, retryAfterSeconds: number, now: number): PaceDecision {
  const delaySeconds = clampDelay(Math.max(plan.delaySeconds, retryAfterSeconds));
  switch (responseToRateLimit(reason)) {
    case 'pause-job':
      return { pace: { ...pace, pausedUntil: now + retryAfterSeconds * 1000 }, delaySeconds, retries: 0 };
    case 'space-writes':
      return { pace, delaySeconds, retries: 0 };
    case 'slow-down': {
      if (pace.lastCutAt !== undefined && now - pace.lastCutAt < PACE.cutCooldownMs) return { pace, delaySeconds, retries: 0 };
      // The first 429 ends slow start: the pace before its last growth was admitted, so the cut starts from there.
      const admitted = pace.slowStart ? pace.callsPerSecond / PACE.slowStartGrowth : pace.callsPerSecond;
      const callsPerSecond = Math.max(PACE.minCallsPerSecond, admitted * PACE.burstCut);
      return { pace: { ...pace, slowStart: false, callsPerSecond, lastCutAt: now }, delaySeconds, retries: 0 };
    }
  }
}

/** Seconds a chain waits while the job is paused for Jira's quota; 0 when it is not. */
export function quotaWaitSeconds(pace: PaceRecord, now: number): number {
  if (pace.pausedUntil === undefined || pace.pausedUntil <= now) return 0;
  return clampDelay(Math.ceil((pace.pausedUntil - now) / 1000));
}

function clampDelay(seconds: number): number {
  return Math.min(PACE.maxDelaySeconds, Math.max(0, Math.ceil(seconds)));
}
