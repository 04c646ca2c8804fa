import { BurstLimiter } from '../../../sim/jira/burstLimiter';
import { startJiraSimulator } from '../../../sim/jira';
import { principalHeaders } from '../../../sim/principal';

const app = { kind: 'app' as const, accountId: 'app-account' };
const user = { kind: 'user' as const, accountId: 'user-account' };

describe('BurstLimiter', () => {
  it('admits the limit per sliding window, then answers how long to wait; refused requests do not count', () => {
    let now = 1_000_000;
    const limiter = new BurstLimiter({ requests: 3, principal: 'app' }, () => now);
    expect([1, 2, 3].map(() => limiter.admit('GET', '/x', app))).toEqual([undefined, undefined, undefined]);
    expect(limiter.admit('GET', '/x', app)).toEqual({ retryAfterSeconds: 1 });
    expect(limiter.admit('GET', '/x', user)).toBeUndefined();
    now += 999;
    expect(limiter.admit('GET', '/x', app)).toEqual({ retryAfterSeconds: 1 });
    now += 1;
    expect(limiter.admit('GET', '/x', app)).toBeUndefined();
  });

  it('rejects a limit below one request', () => {
    expect(() => new BurstLimiter({ requests: 0 }, () => 0)).toThrow(/at least one/);
  });
});

describe('the simulator’s burst limit', () => {
  it('answers 429 jira-burst-based with Retry-After beyond the limit, on the simulator’s clock', async () => {
    let now = Date.UTC(2026, 1, 2);
    const sim = await startJiraSimulator({ users: [{ accountId: user.accountId, displayName: 'U' }], now: () => now });
    sim.faults.burstLimit = { requests: 2, principal: 'user' };
    const call = () => fetch(`${sim.url}/rest/api/3/myself`, { headers: principalHeaders(user) });
    const statuses = [(await call()).status, (await call()).status];
    const limited = await call();
    expect([...statuses, limited.status]).toEqual([200, 200, 429]);
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(limited.headers.get('retry-after')).toBe('1');
    now += 1_000;
    expect((await call()).status).toBe(200);
    sim.faults.clear();
    expect(sim.faults.burstLimit).toBeUndefined();
    await sim.close();
  });
});
