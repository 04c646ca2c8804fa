import { afterTick, callsForWrites, MAX_PAGE_SIZE, newPace, PACE, pageSizeFor, planTick, quotaWaitSeconds, responseToRateLimit } from '../../src/backfill/pacing';
import type { PaceRecord } from '../../src/backfill/records';

const NOW = Date.UTC(2026, 1, 2);
const pace = (changes: Partial<PaceRecord> = {}): PaceRecord => ({ ...newPace('job'), ...changes });

describe('responseToRateLimit', () => {
  it('pauses the job for quota reasons, spaces writes for the per-issue limit, slows down otherwise', () => {
    expect(responseToRateLimit('jira-quota-global-based')).toBe('pause-job');
    expect(responseToRateLimit('jira-quota-tenant-based')).toBe('pause-job');
    expect(responseToRateLimit('jira-per-issue-on-write')).toBe('space-writes');
    expect(responseToRateLimit('jira-burst-based')).toBe('slow-down');
    expect(responseToRateLimit('unknown')).toBe('slow-down');
  });
});

describe('planTick', () => {
  it('gives each running chain its share of the pace per one-second tick, the shares adding up to the pace', () => {
    expect(planTick(pace({ callsPerSecond: 40 }), 1)).toEqual({ callBudget: 40, delaySeconds: 1, chains: 1 });
    expect(planTick(pace({ callsPerSecond: 40 }), 0)).toEqual({ callBudget: 40, delaySeconds: 1, chains: 1 });
    expect([0, 1, 2].map((rank) => planTick(pace({ callsPerSecond: 40 }), 3, rank).callBudget)).toEqual([14, 13, 13]);
  });

  it('ticks less often when the share is below the smallest useful tick, keeping the share', () => {
    expect(planTick(pace({ callsPerSecond: 2 }), 2)).toEqual({ callBudget: 3, delaySeconds: 3, chains: 2 });
    expect(planTick(pace({ callsPerSecond: 1 }), 3)).toEqual({ callBudget: 3, delaySeconds: 9, chains: 3 });
  });

  it('keeps the chains’ ticks under the queue’s events per minute and pushes between relays', () => {
    expect(planTick(pace({ callsPerSecond: 90 }), 3)).toEqual({ callBudget: 30, delaySeconds: 1, chains: 3 });
    expect(planTick(pace({ callsPerSecond: 90 }), 6)).toEqual({ callBudget: 30, delaySeconds: 2, chains: 6 });
  });
});

describe('pageSizeFor', () => {
  it('sizes a page so that its search and writes fit the budget', () => {
    expect(callsForWrites(0)).toBe(0);
    expect(callsForWrites(1)).toBe(2);
    expect(callsForWrites(50)).toBe(51);
    expect(callsForWrites(51)).toBe(53);
    expect(pageSizeFor(3, 1)).toBe(1);
    expect(pageSizeFor(10, 1)).toBe(8);
    expect(1 + callsForWrites(pageSizeFor(40, 1))).toBeLessThanOrEqual(40);
    expect(1 + callsForWrites(pageSizeFor(40, 1) + 1)).toBeGreaterThan(40);
  });

  it('takes larger pages when few issues need writes, up to Jira’s page size', () => {
    expect(pageSizeFor(10, 0.25)).toBeGreaterThan(pageSizeFor(10, 1));
    expect(pageSizeFor(10, 0)).toBe(MAX_PAGE_SIZE);
    expect(pageSizeFor(1_000, 1)).toBe(MAX_PAGE_SIZE);
  });
});

describe('afterTick', () => {
  const plan = { callBudget: 20, delaySeconds: 1, chains: 1 };

  it('grows the pace by the round of ticks: fast in slow start, gently after, only when the budget held the tick back', () => {
    const threeChains = { ...plan, chains: 3 };
    const grown = [1, 2, 3].reduce((current) => afterTick(current, threeChains, { kind: 'clean', callsUsed: 20, callBudget: 20 }, 0, NOW).pace, pace({ callsPerSecond: 10 }));
    expect(grown.callsPerSecond).toBeCloseTo(10 * PACE.slowStartGrowth);
    expect(afterTick(pace({ callsPerSecond: 10 }), plan, { kind: 'clean', callsUsed: 20, callBudget: 20 }, 0, NOW).pace.callsPerSecond).toBeCloseTo(15);
    expect(afterTick(pace({ callsPerSecond: 10, slowStart: false }), plan, { kind: 'clean', callsUsed: 19, callBudget: 20 }, 0, NOW).pace.callsPerSecond).toBeCloseTo(10.1);
    expect(afterTick(pace({ callsPerSecond: 10 }), plan, { kind: 'clean', callsUsed: 5, callBudget: 20 }, 0, NOW).pace.callsPerSecond).toBe(10);
    expect(afterTick(pace({ callsPerSecond: PACE.maxCallsPerSecond }), plan, { kind: 'clean', callsUsed: 20, callBudget: 20 }, 3, NOW)).toEqual({
      pace: pace({ callsPerSecond: PACE.maxCallsPerSecond }),
      delaySeconds: 1,
      retries: 0,
    });
  });

  it('waits as long as a per-issue 429 asked after a clean tick', () => {
    expect(afterTick(pace(), plan, { kind: 'clean', callsUsed: 20, callBudget: 20, waitSeconds: 2 }, 0, NOW).delaySeconds).toBe(2);
  });

  it('pauses the whole job until a quota resets', () => {
    const decision = afterTick(pace(), plan, { kind: 'rate-limited', reason: 'jira-quota-tenant-based', retryAfterSeconds: 3_600 }, 0, NOW);
    expect(decision).toEqual({ pace: pace({ pausedUntil: NOW + 3_600_000 }), delaySeconds: PACE.maxDelaySeconds, retries: 0 });
    expect(quotaWaitSeconds(decision.pace, NOW)).toBe(900);
    expect(quotaWaitSeconds(decision.pace, NOW + 3_599_000)).toBe(1);
    expect(quotaWaitSeconds(decision.pace, NOW + 3_600_000)).toBe(0);
  });

  it('slows down on a burst 429 from the last admitted pace, once per cooldown, leaving slow start', () => {
    // In slow start the pace before its last growth (60 / 1.5) was admitted; the cut starts there.
    const cut = afterTick(pace({ callsPerSecond: 60 }), plan, { kind: 'rate-limited', reason: 'jira-burst-based', retryAfterSeconds: 2 }, 0, NOW);
    expect(cut).toEqual({ pace: pace({ callsPerSecond: 38, slowStart: false, lastCutAt: NOW }), delaySeconds: 2, retries: 0 });
    expect(afterTick(cut.pace, plan, { kind: 'rate-limited', reason: 'jira-burst-based', retryAfterSeconds: 1 }, 0, NOW + 1_000).pace).toBe(cut.pace);
    expect(afterTick(cut.pace, plan, { kind: 'rate-limited', reason: 'jira-burst-based', retryAfterSeconds: 1 }, 0, NOW + PACE.cutCooldownMs).pace.callsPerSecond).toBeCloseTo(36.1);
    expect(afterTick(pace({ callsPerSecond: 1 }), plan, { kind: 'rate-limited', reason: 'jira-burst-based', retryAfterSeconds: 1 }, 0, NOW).pace.callsPerSecond).toBe(PACE.minCallsPerSecond);
  });

  it('keeps the pace but waits after a per-issue 429', () => {
    expect(afterTick(pace(), plan, { kind: 'rate-limited', reason: 'jira-per-issue-on-write', retryAfterSeconds: 2 }, 0, NOW)).toEqual({ pace: pace(), delaySeconds: 2, retries: 0 });
  });

  it('backs off exponentially from 2 s after transient failures, counting them, honouring Retry-After', () => {
    expect([0, 1, 2, 3].map((retries) => afterTick(pace(), plan, { kind: 'transient' }, retries, NOW))).toEqual([
      { pace: pace(), delaySeconds: 2, retries: 1 },
      { pace: pace(), delaySeconds: 4, retries: 2 },
      { pace: pace(), delaySeconds: 8, retries: 3 },
      { pace: pace(), delaySeconds: 16, retries: 4 },
    ]);
    expect(afterTick(pace(), plan, { kind: 'transient', retryAfterSeconds: 30 }, 0, NOW).delaySeconds).toBe(30);
    expect(afterTick(pace(), plan, { kind: 'transient' }, 20, NOW).delaySeconds).toBe(PACE.maxDelaySeconds);
  });
});
