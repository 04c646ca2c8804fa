import type { BackfillState } from '../contract';
import { isFinished, type ChainRecord, type JobRecord } from './records';

/**
 * The backfill's state machine. An admin moves the stored job between running, paused and
 * cancelled; chains stop at their next page boundary when the job is not running (so a cancel
 * stops within one page); whether the job completed or failed follows from its chains. The relay
 * (the admin's resume, and the scheduled watchdog) continues chains that stopped: paused ones,
 * ones out of queue pushes, and ones silent for longer than an invocation can run (a crash), which
 * restart from their checkpoint under a new generation so a late tick of the old one is ignored.
 * Pure.
 */

/** The consumer function's timeout (`timeoutSeconds` in manifest.yml) plus time for a late delivery. */
export const CONSUMER_TIMEOUT_SECONDS = 900;
export const STALL_AFTER_MS = (CONSUMER_TIMEOUT_SECONDS + 300) * 1000;

export type JobCommand = 'pause' | 'resume' | 'cancel';

export function jobPhase(job: JobRecord, chains: readonly ChainRecord[]): BackfillState {
  if (job.state === 'cancelled' || job.state === 'failed') return job.state;
  if (chains.length === job.chainCount && chains.every(isFinished)) return chains.some((chain) => chain.state === 'failed') ? 'failed' : 'completed';
  return job.state;
}

/** When the last chain finished; undefined while any runs. */
export function finishedAt(job: JobRecord, chains: readonly ChainRecord[]): number | undefined {
  const phase = jobPhase(job, chains);
  if (phase === 'running' || phase === 'paused') return undefined;
  if (phase === 'cancelled' || job.state === 'failed') return job.stoppedAt;
  return Math.max(...chains.map((chain) => chain.finishedAt ?? chain.updatedAt));
}

export function applyCommand(job: JobRecord, chains: readonly ChainRecord[], command: JobCommand, now: number): { job: JobRecord } | { refused: string } {
  const phase = jobPhase(job, chains);
  if (phase === 'completed' || phase === 'failed' || phase === 'cancelled') return { refused: `The backfill has ${phase === 'completed' ? 'completed' : phase === 'failed' ? 'failed' : 'been cancelled'}: start a new one.` };
  switch (command) {
    case 'pause':
      if (phase === 'paused') return { refused: 'The backfill is already paused.' };
      return { job: stop(job, 'paused', now) };
    case 'cancel':
      return { job: stop(job, 'cancelled', now) };
    case 'resume':
      return { job: phase === 'running' ? job : { ...job, state: 'running', runningSince: now } };
  }
}

function stop(job: JobRecord, state: 'paused' | 'cancelled', now: number): JobRecord {
  const { runningSince, ...rest } = job;
  return { ...rest, state, activeMs: job.activeMs + (runningSince === undefined ? 0 : now - runningSince), stoppedAt: now };
}

export interface RelayPlan {
  /** Chains to start again under a new generation (their last tick is gone or must be ignored), with a fresh allowance. */
  relaunch: ChainRecord[];
  /** Running chains the relay hands a fresh allowance to, by reserving their next step for a tick of its own. */
  refresh: ChainRecord[];
  /** Pushes each of those chains may make under the relaying invocation. */
  allowance: number;
}

/**
 * What the relay (an initial invocation: the admin's resume or the scheduled watchdog) does for a
 * running job: restart chains that are paused, out of pushes, or silent for longer than a tick can
 * take; and hand every other running chain a fresh push allowance when it has less than the relay
 * can give, so no chain runs dry before the next relay. `pushBudget` is what the relaying
 * invocation may push in all.
 */
export function relayPlan(job: JobRecord, chains: readonly ChainRecord[], now: number, pushBudget: number, pushRequestsFor: (ticks: number) => number): RelayPlan {
  if (job.state !== 'running') return { relaunch: [], refresh: [], allowance: 0 };
  const unfinished = chains.filter((chain) => !isFinished(chain));
  if (unfinished.length === 0) return { relaunch: [], refresh: [], allowance: 0 };
  const allowance = Math.floor((pushBudget - pushRequestsFor(unfinished.length)) / unfinished.length);
  const relaunch = unfinished.filter((chain) => chain.state !== 'running' || isStalled(chain, now));
  const refresh = unfinished.filter((chain) => !relaunch.includes(chain) && chain.pushesLeft < allowance);
  return { relaunch, refresh, allowance };
}

export function isStalled(chain: ChainRecord, now: number): boolean {
  return chain.state === 'running' && now > chain.nextTickAt + STALL_AFTER_MS;
}
