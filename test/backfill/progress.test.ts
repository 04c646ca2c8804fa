import { newChain, type ChainRecord, type JobRecord, type PaceRecord } from '../../src/backfill/records';
import { statusView } from '../../src/backfill/progress';
import { STALL_AFTER_MS } from '../../src/backfill/jobState';

const START = Date.UTC(2026, 1, 2, 12);
const job: JobRecord = {
  jobId: 'job',
  state: 'running',
  scope: { kind: 'jql', jql: 'project = PAY' },
  jql: '(project = PAY)',
  addLabels: true,
  estimatedTotal: 1_000,
  chainCount: 2,
  createdAt: START,
  activeMs: 0,
  runningSince: START,
};

function chain(index: number, changes: Partial<ChainRecord> = {}): ChainRecord {
  return { ...newChain('job', index, 'x', 10, START), pageSize: 10, ...changes };
}

describe('statusView', () => {
  it('sums the chains, and gives the rate over running time and the time left', () => {
    const view = statusView(job, [chain(0, { done: 150, skipped: 40, failed: 10 }), chain(1, { done: 50, skipped: 50 })], undefined, START + 10 * 60_000);
    expect(view).toMatchObject({ state: 'running', done: 200, skipped: 90, failed: 10, processed: 300, percent: 30, ratePerMinute: 30, etaSeconds: 1_400, chains: { total: 2, finished: 0 } });
    expect(view).not.toHaveProperty('waiting');
  });

  it('leaves pauses out of the rate, and gives no time left while paused', () => {
    const paused: JobRecord = { ...job, state: 'paused', activeMs: 5 * 60_000, runningSince: undefined, stoppedAt: START + 5 * 60_000 };
    const view = statusView(paused, [chain(0, { done: 100, state: 'paused' }), chain(1, { state: 'paused' })], undefined, START + 60 * 60_000);
    expect(view).toMatchObject({ state: 'paused', ratePerMinute: 20 });
    expect(view).not.toHaveProperty('etaSeconds');
  });

  it('reads 100% only when every chain has finished, however far off the estimate was', () => {
    const over = statusView(job, [chain(0, { done: 1_200 }), chain(1)], undefined, START + 60_000);
    expect(over).toMatchObject({ state: 'running', percent: 99, processed: 1_200 });
    const finished = statusView(job, [chain(0, { done: 700, state: 'done', finishedAt: START + 120_000 }), chain(1, { done: 100, state: 'done', finishedAt: START + 60_000 })], undefined, START + 600_000);
    expect(finished).toMatchObject({ state: 'completed', percent: 100, processed: 800, ratePerMinute: 400, finishedAt: new Date(START + 120_000).toISOString() });
    expect(finished).not.toHaveProperty('etaSeconds');
  });

  it('says why a running job waits', () => {
    const pace: PaceRecord = { jobId: 'job', callsPerSecond: 10, slowStart: false, pausedUntil: START + 3_600_000 };
    expect(statusView(job, [chain(0), chain(1)], pace, START).waiting).toEqual({ reason: 'jira-quota', until: new Date(START + 3_600_000).toISOString() });
    expect(statusView(job, [chain(0, { nextTickAt: START - STALL_AFTER_MS - 1 }), chain(1)], undefined, START).waiting).toEqual({ reason: 'stalled' });
    expect(statusView(job, [chain(0, { state: 'waiting-relay' }), chain(1)], undefined, START).waiting).toEqual({ reason: 'relay' });
  });

  it('shows the newest errors of all chains first, at most 10', () => {
    const errors = (index: number) => Array.from({ length: 6 }, (_, n) => ({ at: START + n * 1_000 + index, issueKey: `C${index}-${n}`, message: 'Jira refused the write.' }));
    const view = statusView(job, [chain(0, { errors: errors(0) }), chain(1, { errors: errors(1) })], undefined, START);
    expect(view.lastErrors).toHaveLength(10);
    expect(view.lastErrors.slice(0, 3).map((error) => error.issueKey)).toEqual(['C1-5', 'C0-5', 'C1-4']);
  });
});
