import { applyCommand, isStalled, jobPhase, relayPlan, STALL_AFTER_MS } from '../../src/backfill/jobState';
import { newChain, type ChainRecord, type JobRecord } from '../../src/backfill/records';
import { pushRequestsFor } from '../../src/backfill/tickQueue';

const NOW = Date.UTC(2026, 1, 2, 12);

function job(changes: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: 'job',
    state: 'running',
    scope: { kind: 'projects', projectKeys: ['PAY', 'OPS'] },
    jql: 'project in ("PAY", "OPS")',
    addLabels: false,
    estimatedTotal: 100,
    chainCount: 2,
    createdAt: NOW - 60_000,
    activeMs: 0,
    runningSince: NOW - 60_000,
    ...changes,
  };
}

function chain(index: number, changes: Partial<ChainRecord> = {}): ChainRecord {
  const started = newChain('job', index, `project = "P${index}" ORDER BY key ASC`, 400, NOW);
  return { ...started, seq: 5, pageSize: 20, done: 10, skipped: 2, pages: 3, nextTickAt: NOW + 1_000, ...changes };
}

describe('jobPhase', () => {
  it('follows the stored state until every chain has finished, then completed or failed', () => {
    expect(jobPhase(job(), [chain(0), chain(1)])).toBe('running');
    expect(jobPhase(job({ state: 'paused' }), [chain(0, { state: 'paused' }), chain(1)])).toBe('paused');
    expect(jobPhase(job(), [chain(0, { state: 'done' }), chain(1, { state: 'done' })])).toBe('completed');
    expect(jobPhase(job(), [chain(0, { state: 'done' }), chain(1, { state: 'failed' })])).toBe('failed');
    expect(jobPhase(job(), [chain(0, { state: 'done' })])).toBe('running');
    expect(jobPhase(job({ state: 'cancelled' }), [chain(0), chain(1)])).toBe('cancelled');
  });
});

describe('applyCommand', () => {
  it('pauses a running job, keeping its running time apart from the pause', () => {
    expect(applyCommand(job(), [], 'pause', NOW)).toEqual({ job: { ...job({ state: 'paused', activeMs: 60_000, stoppedAt: NOW }), runningSince: undefined } });
  });

  it('resumes a paused job, and leaves a running one as it is', () => {
    const paused = job({ state: 'paused', activeMs: 60_000, runningSince: undefined, stoppedAt: NOW - 1_000 });
    expect(applyCommand(paused, [], 'resume', NOW)).toEqual({ job: { ...paused, state: 'running', runningSince: NOW } });
    const running = job();
    expect(applyCommand(running, [], 'resume', NOW)).toEqual({ job: running });
  });

  it('cancels a running or paused job', () => {
    expect(applyCommand(job(), [], 'cancel', NOW)).toMatchObject({ job: { state: 'cancelled', activeMs: 60_000, stoppedAt: NOW } });
    expect(applyCommand(job({ state: 'paused', runningSince: undefined, activeMs: 5 }), [], 'cancel', NOW)).toMatchObject({ job: { state: 'cancelled', activeMs: 5 } });
  });

  it('refuses commands a job in its state cannot take', () => {
    expect(applyCommand(job({ state: 'paused' }), [], 'pause', NOW)).toEqual({ refused: 'The backfill is already paused.' });
    const done = [chain(0, { state: 'done' }), chain(1, { state: 'done' })];
    for (const command of ['pause', 'resume', 'cancel'] as const) {
      expect(applyCommand(job(), done, command, NOW)).toEqual({ refused: 'The backfill has completed: start a new one.' });
      expect(applyCommand(job({ state: 'cancelled' }), [], command, NOW)).toEqual({ refused: 'The backfill has been cancelled: start a new one.' });
    }
  });
});

describe('relayPlan', () => {
  it('restarts paused, out-of-pushes and stalled chains and tops up the others', () => {
    const chains = [
      chain(0, { state: 'paused' }),
      chain(1, { state: 'waiting-relay' }),
      chain(2, { nextTickAt: NOW - STALL_AFTER_MS - 1 }),
      chain(3, { pushesLeft: 10 }),
      chain(4, { pushesLeft: 900 }),
      chain(5, { state: 'done' }),
    ];
    const plan = relayPlan(job({ chainCount: 6 }), chains, NOW, 950, pushRequestsFor);
    expect(plan.allowance).toBe(Math.floor((950 - 1) / 5));
    expect(plan.relaunch.map((candidate) => candidate.index)).toEqual([0, 1, 2]);
    expect(plan.refresh.map((candidate) => candidate.index)).toEqual([3]);
  });

  it('does nothing for a job that is not running', () => {
    expect(relayPlan(job({ state: 'paused' }), [chain(0, { state: 'paused' })], NOW, 950, pushRequestsFor)).toEqual({ relaunch: [], refresh: [], allowance: 0 });
  });

  it('takes a chain as stalled only after longer than an invocation can run', () => {
    expect(isStalled(chain(0, { nextTickAt: NOW - STALL_AFTER_MS }), NOW)).toBe(false);
    expect(isStalled(chain(0, { nextTickAt: NOW - STALL_AFTER_MS - 1 }), NOW)).toBe(true);
    expect(isStalled(chain(0, { state: 'waiting-relay', nextTickAt: 0 }), NOW)).toBe(false);
  });
});
