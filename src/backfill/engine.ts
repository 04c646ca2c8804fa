import { InvocationLimitReachedError } from '@forge/events';
import type { AdminConfig } from '../config/schema';
import type { JiraClient } from '../jira/client';
import { afterTick, newPace, PACE, pageSizeFor, planTick, quotaWaitSeconds, type TickPlan } from './pacing';
import { ChainFailure, processPage, type PageResult } from './processPage';
import { MAX_CHAIN_ERRORS, type ChainRecord, type ErrorRecord, type JobRecord, type PaceRecord, type TickBody } from './records';
import { claimTick, claimWait, loadChain, loadChains, loadJob, loadPace, saveChain, savePace, takeReservedTick } from './store';
import type { PushTicks } from './tickQueue';

/**
 * One tick of a chain, as the queue consumer runs it. The queue delivers at least once and in any
 * order, so a tick acts only when it is the one its chain waits for (job, generation and sequence
 * number match the checkpoint) and only once (it claims its sequence number in KVS first). It stops
 * the chain at this page boundary when the job is paused or cancelled; otherwise it works on the
 * chain's page within its call budget, checkpoints the page token, the issues done and the counts,
 * and queues the next tick with `delayInSeconds` (the pace, or the wait a 429 asked for). A tick
 * whose push failed is delivered again by the platform and pushes again.
 */
export interface TickDelivery {
  tick: TickBody;
  eventId: string;
  /** `retryContext.retryCount` of the delivery; 0 for the first. */
  retryCount: number;
}

export interface TickDeps {
  /** As the app (asApp), never retrying: waits go through the queue. */
  client: JiraClient;
  now: () => number;
  remainingTimeMs: () => number;
  pushTicks: PushTicks;
  loadConfig: () => Promise<AdminConfig>;
}

export type TickOutcome =
  /** Not the tick its chain waits for (older, of another generation or job, or the chain stopped). */
  | 'stale'
  /** Another delivery of the same tick ran it. */
  | 'duplicate'
  /** The job is paused or cancelled: the chain stopped at its page boundary. */
  | 'stopped'
  | 'waiting-quota'
  | 'continued'
  | 'finished'
  | 'failed'
  | 'waiting-relay'
  /** A redelivered tick pushed its successor again after a failed push. */
  | 'repushed'
  /** A relay's tick came before the step it follows had finished, and queued itself again. */
  | 'waiting-step';

export interface TickReport {
  outcome: TickOutcome;
  page?: Pick<PageResult, 'done' | 'skipped' | 'failed' | 'callsUsed'>;
  delaySeconds?: number;
}

export async function runTick(delivery: TickDelivery, deps: TickDeps): Promise<TickReport> {
  const { tick } = delivery;
  const now = deps.now();
  const job = await loadJob();
  const chain = job?.jobId === tick.jobId ? await loadChain(tick.jobId, tick.chain) : undefined;
  if (!job || !chain || chain.generation !== tick.generation || chain.state !== 'running') return { outcome: 'stale' };
  if (tick.seq !== chain.seq) {
    // A relay's tick for the step after one still running waits for that step, backing off; the
    // relay restarts a chain whose step never finishes (a crash), which makes this tick stale.
    if (tick.reservation !== undefined && tick.seq === chain.seq + 1 && tick.pushesLeft > 0) {
      const waits = tick.waits ?? 0;
      if (!(await claimWait(tick, waits))) return { outcome: 'duplicate' };
      const delaySeconds = Math.min(PACE.maxDelaySeconds, 2 ** waits);
      await pushOrThrow(deps, [{ tick: { ...tick, pushesLeft: tick.pushesLeft - 1, waits: waits + 1 }, delaySeconds }]);
      return { outcome: 'waiting-step', delaySeconds };
    }
    if (delivery.retryCount > 0 && tick.seq === chain.seq - 1) {
      await pushOrThrow(deps, [{ tick: tickOf(chain), delaySeconds: Math.max(0, Math.ceil((chain.nextTickAt - now) / 1000)) }]);
      return { outcome: 'repushed' };
    }
    return { outcome: 'stale' };
  }
  if (job.state !== 'running') {
    await saveIfCurrent({ ...chain, state: job.state === 'paused' ? 'paused' : 'cancelled', updatedAt: now, ...(job.state === 'paused' ? {} : { finishedAt: now }) });
    return { outcome: 'stopped' };
  }
  const claimed = tick.reservation === undefined ? await claimTick(tick, delivery.eventId) : await takeReservedTick({ ...tick, reservation: tick.reservation });
  if (!claimed) return { outcome: 'duplicate' };
  const withAllowance: ChainRecord = { ...chain, pushesLeft: tick.pushesLeft };

  const [storedPace, chains] = await Promise.all([loadPace(job.jobId), loadChains(job.jobId)]);
  const pace = storedPace ?? newPace(job.jobId);
  const running = chains.filter((candidate) => candidate.state === 'running');
  const plan = planTick(pace, running.length, Math.max(0, running.findIndex((candidate) => candidate.index === chain.index)));
  const quotaWait = quotaWaitSeconds(pace, now);
  if (quotaWait > 0) return { ...(await continueChain(withAllowance, quotaWait, now, deps)), outcome: 'waiting-quota' };

  const fresh = chain.pageDone.length === 0 && Object.keys(chain.issueAttempts).length === 0;
  const working: ChainRecord = fresh ? { ...withAllowance, pageSize: pageSizeFor(plan.callBudget, chain.writeShare) } : withAllowance;
  let page: PageResult;
  try {
    page = await processPage({
      client: deps.client,
      config: await deps.loadConfig(),
      addLabels: job.addLabels,
      chain: working,
      callBudget: plan.callBudget,
      remainingTimeMs: deps.remainingTimeMs,
      now,
    });
  } catch (error) {
    if (!(error instanceof ChainFailure)) throw error;
    await saveIfCurrent(failChain(working, error.record, now));
    return { outcome: 'failed' };
  }
  return afterPage(job, working, page, pace, plan, now, deps);
}

async function afterPage(job: JobRecord, chain: ChainRecord, page: PageResult, pace: PaceRecord, plan: TickPlan, now: number, deps: TickDeps): Promise<TickReport> {
  const decision = afterTick(pace, plan, page.signal, chain.retries, now);
  await updatePace(job.jobId, pace, decision.pace);
  const counted: ChainRecord = {
    ...chain,
    done: chain.done + page.done,
    skipped: chain.skipped + page.skipped,
    failed: chain.failed + page.failed,
    errors: [...chain.errors, ...page.errors].slice(-MAX_CHAIN_ERRORS),
    noLabelScreen: page.noLabelScreen,
    retries: decision.retries,
    updatedAt: now,
  };
  const report = { page: { done: page.done, skipped: page.skipped, failed: page.failed, callsUsed: page.callsUsed } };
  // A page that is not the last always has a token; without one the scope is taken as exhausted rather than restarted.
  if (page.pageFinished && (page.isLast || page.nextPageToken === undefined)) {
    await saveIfCurrent({ ...counted, state: 'done', pages: chain.pages + 1, pageDone: [], issueAttempts: {}, finishedAt: now });
    return { ...report, outcome: 'finished' };
  }
  if (decision.retries > PACE.maxChainRetries) {
    await saveIfCurrent(failChain(counted, { at: now, message: `Jira kept failing for ${PACE.maxChainRetries + 1} attempts in a row; this part of the backfill stopped.` }, now));
    return { ...report, outcome: 'failed' };
  }
  const next: ChainRecord = page.pageFinished
    ? { ...counted, pages: chain.pages + 1, pageDone: [], issueAttempts: {}, writeShare: page.writeShare, pageToken: page.nextPageToken }
    : { ...counted, pageDone: page.pageDone, issueAttempts: page.issueAttempts };
  return { ...report, ...(await continueChain(next, decision.delaySeconds, now, deps)) };
}

/** Checkpoints the chain and queues its next tick, or parks it for the relay when its lineage has no push left. */
async function continueChain(chain: ChainRecord, delaySeconds: number, now: number, deps: TickDeps): Promise<TickReport> {
  const advanced: ChainRecord = { ...chain, seq: chain.seq + 1, updatedAt: now, nextTickAt: now + delaySeconds * 1000 };
  if (chain.pushesLeft === 0) {
    await saveIfCurrent({ ...advanced, state: 'waiting-relay' });
    return { outcome: 'waiting-relay' };
  }
  const queued: ChainRecord = { ...advanced, pushesLeft: chain.pushesLeft - 1 };
  if (!(await saveIfCurrent(queued))) return { outcome: 'stale' };
  try {
    await deps.pushTicks([{ tick: tickOf(queued), delaySeconds }]);
  } catch (error) {
    // The lineage has no push left after all: the relay continues the chain under a new one.
    if (error instanceof InvocationLimitReachedError) {
      await saveIfCurrent({ ...queued, state: 'waiting-relay' });
      return { outcome: 'waiting-relay' };
    }
    throw new TickPushError(error);
  }
  return { outcome: 'continued', delaySeconds };
}

async function pushOrThrow(deps: TickDeps, ticks: Parameters<PushTicks>[0]): Promise<void> {
  try {
    await deps.pushTicks(ticks);
  } catch (error) {
    throw new TickPushError(error);
  }
}

/** Queuing the next tick failed after the checkpoint; a redelivery of this tick pushes it again. */
export class TickPushError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Queuing the next backfill tick failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'TickPushError';
  }
}

export function tickOf(chain: ChainRecord): TickBody {
  return { jobId: chain.jobId, chain: chain.index, generation: chain.generation, seq: chain.seq, pushesLeft: chain.pushesLeft };
}

function failChain(chain: ChainRecord, error: ErrorRecord, now: number): ChainRecord {
  return { ...chain, state: 'failed', finishedAt: now, updatedAt: now, errors: [...chain.errors, error].slice(-MAX_CHAIN_ERRORS) };
}

/**
 * Saves the checkpoint unless the relay restarted the chain meanwhile (a new generation): then this
 * invocation's view is outdated and the restarted chain redoes the page, idempotently.
 */
async function saveIfCurrent(chain: ChainRecord): Promise<boolean> {
  const current = await loadChain(chain.jobId, chain.index);
  if (current && current.generation !== chain.generation) return false;
  await saveChain(chain);
  return true;
}

/** Stores the pace when it changed, keeping a quota pause another chain recorded meanwhile. */
async function updatePace(jobId: string, before: PaceRecord, after: PaceRecord): Promise<void> {
  if (after.callsPerSecond === before.callsPerSecond && after.pausedUntil === before.pausedUntil && after.slowStart === before.slowStart && after.lastCutAt === before.lastCutAt) return;
  const current = await loadPace(jobId);
  const pausedUntil = Math.max(after.pausedUntil ?? 0, current?.pausedUntil ?? 0);
  await savePace({ ...after, ...(pausedUntil > 0 ? { pausedUntil } : {}) });
}
