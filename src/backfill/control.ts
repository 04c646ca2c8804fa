import { randomUUID } from 'node:crypto';
import type { AdminConfig } from '../config/schema';
import type { BackfillEstimateView, BackfillScope, BackfillStatusView, FieldError } from '../contract';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { describeError, log } from '../log';
import { planChains } from './chains';
import { tickOf } from './engine';
import { applyCommand, jobPhase, relayPlan, type JobCommand } from './jobState';
import { newPace, PACE } from './pacing';
import { statusView } from './progress';
import { newChain, type ChainRecord, type JobRecord } from './records';
import { claimTick, deleteJobRecords, loadChains, loadJob, loadPace, saveChains, saveJob, savePace } from './store';
import { PUSHES_PER_INITIAL_INVOCATION, pushRequestsFor, type PushTicks, type ScheduledTick } from './tickQueue';

/**
 * Starting and steering a backfill, for the admin page's resolvers and the scheduled relay: the
 * estimate (Jira's approximate count of the scope), start, pause, resume, cancel, the status, and
 * the relay that keeps chains going. Each of these runs as an initial invocation, so the ticks it
 * queues start a new lineage with its own push allowance.
 */
export interface ControlDeps {
  now: () => number;
  pushTicks: PushTicks;
  /** Push requests this invocation and its descendants may make (the cyclic invocation limit, less a reserve). */
  pushBudget?: number;
}

export type Refusal = { refused: string } | { fieldErrors: FieldError[] };

export async function estimateBackfill(scope: BackfillScope, config: AdminConfig, client: JiraClient): Promise<BackfillEstimateView | Refusal> {
  const plan = planChains(scope, config.enabledProjects);
  if ('fieldErrors' in plan) return plan;
  const count = await countScope(scope, plan.jql, client);
  if (typeof count !== 'number') return count;
  return { jql: plan.jql, count, chains: plan.chainJqls.length };
}

/**
 * Jira's approximate count of the scope's issues. A query Jira rejects (400: unknown field,
 * project or syntax) is the JQL field's error, in Jira's words: the admin wrote the query, and
 * Jira's message says what to fix.
 */
async function countScope(scope: BackfillScope, jql: string, client: JiraClient): Promise<number | Refusal> {
  try {
    return await client.approximateCount(jql);
  } catch (error) {
    if (scope.kind === 'jql' && error instanceof JiraError && error.status === 400 && error.jiraMessages.length > 0) {
      return { fieldErrors: [{ path: 'scope.jql', message: `Jira cannot run this query: ${error.jiraMessages.join(' ')}` }] };
    }
    throw error;
  }
}

/** `client` acts as the app: the backfill reads and writes what the app can, not what the admin can. */
export async function startBackfill(
  request: { scope: BackfillScope; addLabels: boolean },
  config: AdminConfig,
  client: JiraClient,
  deps: ControlDeps,
): Promise<BackfillStatusView | Refusal> {
  const plan = planChains(request.scope, config.enabledProjects);
  if ('fieldErrors' in plan) return plan;
  const previous = await loadJob();
  if (previous) {
    const phase = jobPhase(previous, await loadChains(previous.jobId));
    if (phase === 'running' || phase === 'paused') return { refused: 'A backfill is already under way: wait for it, or cancel it first.' };
  }
  const estimatedTotal = await countScope(request.scope, plan.jql, client);
  if (typeof estimatedTotal !== 'number') return estimatedTotal;
  if (previous) await deleteJobRecords(previous.jobId);

  const now = deps.now();
  const jobId = randomUUID();
  const allowance = Math.floor(((deps.pushBudget ?? PUSHES_PER_INITIAL_INVOCATION) - pushRequestsFor(plan.chainJqls.length)) / plan.chainJqls.length);
  const chains = plan.chainJqls.map((jql, index) => newChain(jobId, index, jql, allowance, now));
  let job: JobRecord = {
    jobId,
    state: 'running',
    scope: request.scope,
    jql: plan.jql,
    addLabels: request.addLabels,
    estimatedTotal,
    chainCount: chains.length,
    createdAt: now,
    activeMs: 0,
    runningSince: now,
  };
  const pace = newPace(jobId);
  await saveChains(chains);
  await savePace(pace);
  await saveJob(job);
  try {
    await deps.pushTicks(chains.map((chain) => ({ tick: tickOf(chain), delaySeconds: 0 })));
  } catch (error) {
    log('error', { event: 'backfill-start', jobId, decision: 'queue-refused', error: describeError(error) });
    const { runningSince: _running, ...stopped } = job;
    job = { ...stopped, state: 'failed', stoppedAt: now };
    await saveJob(job);
    await saveChains(chains.map((chain) => ({ ...chain, errors: [{ at: now, message: 'The queue refused the first pages; start the backfill again.' }] })));
    return statusView(job, await loadChains(jobId), pace, now);
  }
  log('info', { event: 'backfill-start', jobId, decision: 'started', chain: chains.length });
  return statusView(job, chains, pace, now);
}

/** Pause, resume or cancel the current backfill; resuming also restarts chains that stopped or stalled. */
export async function commandBackfill(command: JobCommand, deps: ControlDeps): Promise<BackfillStatusView | Refusal> {
  const job = await loadJob();
  if (!job) return { refused: 'No backfill has run yet.' };
  const now = deps.now();
  const chains = await loadChains(job.jobId);
  const applied = applyCommand(job, chains, command, now);
  if ('refused' in applied) return applied;
  if (applied.job !== job) await saveJob(applied.job);
  if (command === 'resume') await relayChains(applied.job, chains, deps);
  log('info', { event: 'backfill-command', jobId: job.jobId, decision: command });
  return statusView(applied.job, await loadChains(job.jobId), await loadPace(job.jobId), now);
}

export async function backfillStatus(now: number): Promise<BackfillStatusView | null> {
  const job = await loadJob();
  if (!job) return null;
  const [chains, pace] = await Promise.all([loadChains(job.jobId), loadPace(job.jobId)]);
  return statusView(job, chains, pace, now);
}

/** The relay for the current job (the scheduled watchdog's work); returns the chains it relayed. */
export async function relayBackfill(deps: ControlDeps): Promise<number> {
  const job = await loadJob();
  if (!job || job.state !== 'running') return 0;
  return relayChains(job, await loadChains(job.jobId), deps);
}

async function relayChains(job: JobRecord, chains: readonly ChainRecord[], deps: ControlDeps): Promise<number> {
  const now = deps.now();
  const plan = relayPlan(job, chains, now, deps.pushBudget ?? PUSHES_PER_INITIAL_INVOCATION, pushRequestsFor);
  const relaunched = plan.relaunch.map((chain): ChainRecord => ({ ...chain, state: 'running', generation: chain.generation + 1, pushesLeft: plan.allowance, nextTickAt: now, updatedAt: now }));
  await saveChains(relaunched);
  const ticks: ScheduledTick[] = relaunched.map((chain) => ({ tick: { ...tickOf(chain), pushesLeft: plan.allowance }, delaySeconds: 0 }));
  for (const chain of plan.refresh) {
    const handover = await reserveNextStep(chain, plan.allowance, now);
    if (handover) ticks.push(handover);
  }
  if (ticks.length > 0) {
    await deps.pushTicks(ticks);
    log('info', { event: 'backfill-relay', jobId: job.jobId, decision: `relaunched-${relaunched.length}-refreshed-${ticks.length - relaunched.length}` });
  }
  return ticks.length;
}

/**
 * Hands a running chain over to the relay's lineage: the relay claims the chain's queued step (or,
 * when that step is already running, the step after it) for a tick of its own carrying the fresh
 * allowance, so the chain's own tick for that step stands down as a duplicate. Undefined when
 * neither step could be claimed (the chain moved on meanwhile; the next relay tries again).
 */
async function reserveNextStep(chain: ChainRecord, allowance: number, now: number): Promise<ScheduledTick | undefined> {
  const reservation = randomUUID();
  const queued = { ...tickOf(chain), pushesLeft: allowance, reservation };
  // Due when the chain's own tick is due, so the hand-over does not change the chain's pace.
  if (await claimTick(queued, reservation)) return { tick: queued, delaySeconds: Math.max(0, Math.ceil((chain.nextTickAt - now) / 1000)) };
  const following = { ...queued, seq: chain.seq + 1 };
  if (await claimTick(following, reservation)) return { tick: following, delaySeconds: PACE.tickSeconds };
  return undefined;
}

