import type { BackfillErrorView, BackfillStatusView } from '../contract';
import { finishedAt, isStalled, jobPhase } from './jobState';
import { isFinished, type ChainRecord, type ErrorRecord, type JobRecord, type PaceRecord } from './records';

/**
 * The progress the admin page polls: counts summed over the chains, the share done (of Jira's
 * approximate count, or of what was processed once the scope is exhausted), the rate over running
 * time, the time left at that rate, why the job waits, and the newest errors. Pure.
 */
export const MAX_STATUS_ERRORS = 10;

export function statusView(job: JobRecord, chains: readonly ChainRecord[], pace: PaceRecord | undefined, now: number): BackfillStatusView {
  const state = jobPhase(job, chains);
  const endedAt = finishedAt(job, chains);
  const sum = (count: (chain: ChainRecord) => number) => chains.reduce((total, chain) => total + count(chain), 0);
  const done = sum((chain) => chain.done);
  const skipped = sum((chain) => chain.skipped);
  const failed = sum((chain) => chain.failed);
  const processed = done + skipped + failed;
  const total = Math.max(job.estimatedTotal, processed);
  const activeMs = job.activeMs + (job.runningSince === undefined ? 0 : Math.max(0, (endedAt ?? now) - job.runningSince));
  const ratePerMinute = activeMs > 0 ? Math.round((processed / activeMs) * 60_000 * 10) / 10 : 0;
  const remaining = total - processed;
  const waiting = waitingOf(job, chains, pace, now);
  return {
    jobId: job.jobId,
    state,
    ...(state === 'running' && waiting ? { waiting } : {}),
    scope: job.scope,
    jql: job.jql,
    addLabels: job.addLabels,
    startedAt: iso(job.createdAt),
    ...(endedAt === undefined ? {} : { finishedAt: iso(endedAt) }),
    estimatedTotal: job.estimatedTotal,
    done,
    skipped,
    failed,
    processed,
    percent: state === 'completed' ? 100 : total === 0 ? 0 : Math.min(99, Math.floor((100 * processed) / total)),
    ratePerMinute,
    ...(state === 'running' && ratePerMinute > 0 && remaining > 0 ? { etaSeconds: Math.ceil((remaining / ratePerMinute) * 60) } : {}),
    lastErrors: newestErrors(chains.flatMap((chain) => chain.errors)),
    chains: { total: job.chainCount, finished: chains.filter(isFinished).length },
  };
}

function waitingOf(job: JobRecord, chains: readonly ChainRecord[], pace: PaceRecord | undefined, now: number): BackfillStatusView['waiting'] {
  if (pace?.pausedUntil !== undefined && pace.pausedUntil > now) return { reason: 'jira-quota', until: iso(pace.pausedUntil) };
  if (chains.some((chain) => isStalled(chain, now))) return { reason: 'stalled' };
  if (job.state === 'running' && chains.some((chain) => chain.state === 'waiting-relay' || chain.state === 'paused')) return { reason: 'relay' };
  return undefined;
}

function newestErrors(errors: readonly ErrorRecord[]): BackfillErrorView[] {
  return [...errors]
    .sort((a, b) => b.at - a.at)
    .slice(0, MAX_STATUS_ERRORS)
    .map((error) => ({
      at: iso(error.at),
      ...(error.issueKey === undefined ? {} : { issueKey: error.issueKey }),
      ...(error.operation === undefined ? {} : { operation: error.operation }),
      ...(error.status === undefined ? {} : { status: error.status }),
      message: error.message,
    }));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
