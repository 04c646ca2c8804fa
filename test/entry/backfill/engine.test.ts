import { kvs } from '@forge/kvs';
import { RateLimitError } from '@forge/events';
import { runTick, type TickDeps } from '../../../src/backfill/engine';
import { STALL_AFTER_MS } from '../../../src/backfill/jobState';
import type { ChainRecord } from '../../../src/backfill/records';
import { pushTicks } from '../../../src/backfill/tickQueue';
import { DEFAULT_ADMIN_CONFIG } from '../../../src/config/schema';
import { saveConfig } from '../../../src/config/store';
import type { BackfillStatusView } from '../../../src/contract';
import { StoredSummarySchema } from '../../../src/issueSync/storedSummary';
import { JiraClient } from '../../../src/jira/client';
import { createAdminResolver } from '../../../src/entry/admin/resolver';
import { createBackfillConsumer } from '../../../src/entry/backfill/consumer';
import { BACKFILL_QUEUE, ISSUE_PROPERTY_KEY, MODULE_KEYS } from '../../../src/moduleKeys';
import { KvsStore } from '../../../sim/forge/kvsStore';
import { InProcessQueue } from '../../../sim/forge/queue';
import { invokeResolver } from '../../../sim/forge/resolverInvocation';
import { currentForgeRuntime } from '../../../sim/forge/runtime';
import { startJiraSimulator, type IssueSeed } from '../../../sim/jira';
import { manifestJira } from '../../support/appManifest';
import { RELAY_INTERVAL_MS, startBackfillRun, type BackfillRun, type BackfillRunOptions } from '../../support/backfillRun';
import { beforeForgeFetch } from '../../support/forgeFetchHook';
import { paragraph, USERS } from '../../support/jiraFixtures';
import { simulatedClock } from '../../support/simulatedClock';

/**
 * The backfill engine through the queue consumer, the relay and the admin page's resolvers, on the
 * in-process queue in simulated time, against the Jira simulator: what it writes, what it skips,
 * how it survives redeliveries, failed pushes, rate limits by reason, running out of pushes, a
 * crash, and what pause, resume and cancel do.
 */
const PATTERNS_FIELD = 'customfield_10040';
const COMPLEXITY_FIELD = 'customfield_10041';
const ALL = { kind: 'projects' as const, projectKeys: ['PAY', 'OPS'] };

let run: BackfillRun;
let logs: string[];
/** What each test started and has to stop. */
let closers: Array<() => Promise<void>> = [];

beforeEach(() => {
  logs = [];
  for (const method of ['info', 'warn', 'error'] as const) jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(String(args[0])));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

/** `count` issues alternating between PAY and OPS (whose edit screen lacks Labels); every third one about webhooks. */
function site(count: number, extra: Partial<IssueSeed> = {}): IssueSeed[] {
  return Array.from({ length: count }, (_, index) => ({
    project: index % 2 === 0 ? 'PAY' : 'OPS',
    summary: index % 3 === 0 ? `Stripe webhook signature verification fails (${index})` : `Refund button misaligned (${index})`,
    description: paragraph(index % 3 === 0 ? 'The webhook endpoint returns 504 after the API gateway timeout.' : 'Seen on small screens.'),
    labels: ['customer-reported'],
    ...extra,
  }));
}

async function startRun(issues: IssueSeed[], options: Partial<BackfillRunOptions> = {}): Promise<BackfillRun> {
  run = await startBackfillRun({ jira: manifestJira({ issues }), ...options });
  closers.push(() => run.close());
  return run;
}

const appCalls = (filter: { method?: string; path?: string } = {}) => run.sim.calls.filter({ principal: 'app', ...filter });
const tickDecisions = () => logs.map((line) => JSON.parse(line) as { event?: string; decision?: string }).filter((line) => line.event === 'backfill-tick').map((line) => line.decision);

function stored(key: string) {
  return StoredSummarySchema.parse(run.sim.state.issue(key)?.properties.get(ISSUE_PROPERTY_KEY));
}

async function chainRecords(): Promise<ChainRecord[]> {
  const { results } = await kvs.query().where('key', { condition: 'BEGINS_WITH', values: ['backfill:chain:'] } as never).getMany<ChainRecord>();
  return results.map((entry) => entry.value).sort((a, b) => a.index - b.index);
}

describe('a backfill run', () => {
  it('writes fields and the summary of every issue, in batches, and labels only when asked', async () => {
    await startRun(site(30));
    await run.start({ scope: ALL, addLabels: false });
    const { status } = await run.runToEnd();

    expect(status).toMatchObject({ state: 'completed', percent: 100, processed: 30, done: 30, skipped: 0, failed: 0, estimatedTotal: 30, chains: { total: 2, finished: 2 } });
    for (const issue of run.sim.state.issues.values()) {
      const summary = stored(issue.key);
      expect({ key: issue.key, complexity: issue.customValues.get(COMPLEXITY_FIELD), patterns: issue.customValues.get(PATTERNS_FIELD) ?? [] }).toEqual({ key: issue.key, complexity: summary.complexity, patterns: summary.patterns });
      expect(issue.labels).toEqual(['customer-reported']);
    }
    const searches = appCalls({ path: '/rest/api/3/search/jql' });
    expect(searches.length).toBeGreaterThanOrEqual(2);
    expect(searches.every((call) => JSON.stringify((call.requestBody as { fields: string[] }).fields) === JSON.stringify(['summary', 'description', 'labels', 'components', 'project', 'updated']))).toBe(true);
    expect(searches.every((call) => JSON.stringify((call.requestBody as { properties: string[] }).properties) === JSON.stringify([ISSUE_PROPERTY_KEY]))).toBe(true);
    const fieldWrites = appCalls({ path: '/rest/api/3/app/field/value' });
    expect(fieldWrites.length).toBeLessThan(15);
    expect(Math.max(...fieldWrites.map((call) => (call.requestBody as { updates: Array<{ issueIds: number[] }> }).updates.reduce((sum, update) => sum + update.issueIds.length, 0)))).toBeGreaterThan(2);
    expect(appCalls({ method: 'PUT' }).filter((call) => call.status === 204)).toHaveLength(30);
    expect(appCalls({ method: 'PUT' }).filter((call) => (call.requestBody as { update?: unknown }).update !== undefined)).toEqual([]);
  });

  it('skips unchanged issues without a write on a second run', async () => {
    await startRun(site(20));
    await run.start({ scope: ALL, addLabels: false });
    await run.runToEnd();
    run.sim.calls.clear();
    await run.start({ scope: ALL, addLabels: true });
    const { status } = await run.runToEnd();
    expect(status).toMatchObject({ state: 'completed', done: 0, skipped: 20, processed: 20 });
    expect(appCalls().map((call) => call.path).filter((path) => path !== '/rest/api/3/search/jql' && path !== '/rest/api/3/search/approximate-count')).toEqual([]);
  });

  it('only adds labels, never removing one, and records projects whose screen lacks Labels', async () => {
    const issues = site(6);
    // A person already put one pattern label on PAY-1; PAY-3 carries a label the app added for a pattern no longer detected.
    (issues[0] as IssueSeed).labels = ['customer-reported', 'integration-webhook'];
    (issues[4] as IssueSeed).labels = ['integration-sync'];
    (issues[4] as IssueSeed).properties = { [ISSUE_PROPERTY_KEY]: { version: 1, textHash: 'old', patterns: ['sync_issues'], complexity: 4, topConfidence: 0.9, labelsAdded: ['integration-sync'], labelsNotOnScreen: false } };
    await startRun(issues);
    await run.start({ scope: ALL, addLabels: true });
    await run.runToEnd();

    const labelOf = (pattern: string) => `integration-${pattern.replace('_issues', '').replace('_', '-')}`;
    expect(stored('PAY-1').patterns).toContain('webhook_issues');
    expect(run.sim.state.issue('PAY-1')?.labels.sort()).toEqual([...new Set(['customer-reported', ...stored('PAY-1').patterns.map(labelOf)])].sort());
    expect(run.sim.state.issue('PAY-3')?.labels).toContain('integration-sync');
    expect(stored('OPS-2').patterns).toContain('webhook_issues');
    expect(stored('OPS-2')).toMatchObject({ labelsNotOnScreen: true, labelsAdded: [] });
    expect(run.sim.state.issue('OPS-2')?.labels).toEqual(['customer-reported']);
    const labelOperations = appCalls({ method: 'PUT' }).flatMap((call) => (call.requestBody as { update?: { labels?: Array<Record<string, string>> } }).update?.labels ?? []);
    expect(labelOperations.every((operation) => 'add' in operation)).toBe(true);
    // OPS refuses the first label edit; its later issues are written without label operations.
    expect(appCalls({ method: 'PUT' }).filter((call) => call.status === 400)).toHaveLength(1);
  });
});

describe('at-least-once, unordered delivery', () => {
  it('counts and writes every issue once when the queue delivers every event twice', async () => {
    await startRun(site(24), { redeliverFraction: 1 });
    await run.start({ scope: ALL, addLabels: true });
    const { status } = await run.runToEnd();
    expect(run.queue.deliveries.filter((delivery) => delivery.redelivery).length).toBeGreaterThan(5);
    expect(status).toMatchObject({ state: 'completed', processed: 24, done: 24 });
    expect(appCalls({ method: 'PUT' }).filter((call) => call.status === 204)).toHaveLength(24);
  });

  it('runs a tick once when two deliveries of it run at the same time', async () => {
    await startRun(site(4));
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const [event] = run.queue.pendingEvents();
    if (!event) throw new Error('No tick queued');
    const deps = (): TickDeps => ({ client: new JiraClient({ as: 'app', remainingTimeMs: () => 900_000, maxRetries: 0 }), now: () => run.queue.now(), remainingTimeMs: () => 900_000, pushTicks, loadConfig: async () => DEFAULT_ADMIN_CONFIG });
    const delivery = { tick: event.body as never, eventId: event.eventId, retryCount: 0 };
    const outcomes = await Promise.all([runTick(delivery, deps()), runTick(delivery, deps())]);
    expect(outcomes.map((report) => report.outcome).sort()).toEqual(['duplicate', 'finished']);
    expect(appCalls({ path: '/rest/api/3/search/jql' })).toHaveLength(1);
  });

  it('pushes the next tick again when the platform redelivers a tick whose push failed', async () => {
    let failures = 0;
    const flaky = async (ticks: Parameters<typeof pushTicks>[0]) => {
      if (failures === 0) {
        failures += 1;
        throw new RateLimitError('Too many requests.');
      }
      await pushTicks(ticks);
    };
    await startRun(site(80), { consumer: { pushTicks: flaky } });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    expect(run.queue.deliveries.filter((delivery) => delivery.outcome === 'retry-requested').map((delivery) => delivery.retryAfterSeconds)).toEqual([60]);
    expect(tickDecisions()).toContain('repushed');
    expect(status).toMatchObject({ state: 'completed', processed: 40, done: 40 });
  });
});

describe('rate limits by reason', () => {
  it('pauses the whole job until Jira’s quota resets', async () => {
    await startRun(site(60));
    run.sim.faults.add({ principal: 'app', method: 'PUT', fault: { kind: 'rate-limit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 600 }, times: 1 });
    await run.start({ scope: ALL, addLabels: false });
    const { status } = await run.runToEnd();
    const limited = appCalls().find((call) => call.status === 429);
    if (!limited) throw new Error('No 429');
    expect(appCalls().filter((call) => call.at > limited.at && call.at < limited.at + 600_000)).toEqual([]);
    expect(status).toMatchObject({ state: 'completed', processed: 60 });
  });

  it('reports the quota wait in the status', async () => {
    let waiting: BackfillStatusView | undefined;
    await startRun(site(10), {
      wrapConsumer: (consumer) => async (event) => {
        const result = await consumer(event);
        if (!waiting && appCalls().some((call) => call.status === 429)) waiting = await run.status();
        return result;
      },
    });
    run.sim.faults.add({ principal: 'app', path: '/rest/api/3/search/jql', fault: { kind: 'rate-limit', reason: 'jira-quota-global-based', retryAfterSeconds: 3_600 }, times: 1 });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    const limitedAt = appCalls().find((call) => call.status === 429)?.at ?? 0;
    expect(waiting).toMatchObject({ state: 'running', waiting: { reason: 'jira-quota', until: new Date(limitedAt + 3_600_000).toISOString() } });
    expect(status).toMatchObject({ state: 'completed', processed: 5 });
    expect(status).not.toHaveProperty('waiting');
  });

  it('slows the job down on a burst 429 and waits Retry-After before that chain goes on', async () => {
    await startRun(site(40));
    run.sim.faults.add({ principal: 'app', method: 'PUT', fault: { kind: 'rate-limit', reason: 'jira-burst-based', retryAfterSeconds: 7 }, times: 1 });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    const limited = appCalls().find((call) => call.status === 429);
    const next = appCalls().find((call) => limited !== undefined && call.at > limited.at);
    expect(next && limited ? next.at - limited.at : 0).toBeGreaterThanOrEqual(7_000);
    expect(status).toMatchObject({ state: 'completed', processed: 20 });
  });

  it('spaces the writes of an issue Jira limits, writing the rest of the page meanwhile', async () => {
    await startRun(site(8));
    run.sim.faults.add({ principal: 'app', method: 'PUT', path: '/rest/api/3/issue/10002', fault: { kind: 'rate-limit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 5 }, times: 1 });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    const puts = appCalls({ method: 'PUT' });
    const limited = puts.find((call) => call.status === 429);
    const retried = puts.find((call) => call.path === '/rest/api/3/issue/10002' && call.status === 204);
    expect(puts.filter((call) => call.at === limited?.at && call.status === 204).length).toBeGreaterThan(0);
    expect(retried && limited ? retried.at - limited.at : 0).toBeGreaterThanOrEqual(5_000);
    expect(status).toMatchObject({ state: 'completed', processed: 4, done: 4 });
  });
});

describe('the relay and the cyclic invocation limit', () => {
  it('parks chains out of pushes and continues them under the relay, never over the limit', async () => {
    await startRun(site(60), { pushBudget: 7 });
    await run.start({ scope: ALL, addLabels: false });
    await run.queue.runUntilIdle();
    const parked = await run.status();
    expect(parked).toMatchObject({ state: 'running', waiting: { reason: 'relay' } });
    const { status, relays } = await run.runToEnd();
    expect(relays).toBeGreaterThan(0);
    expect(status).toMatchObject({ state: 'completed', processed: 60 });
    expect(Math.max(...run.queue.pushesPerInitialInvocation())).toBeLessThanOrEqual(7);
  });

  it('hands a running chain to the relay: its own tick stands down, the relay’s continues with a fresh allowance', async () => {
    let deliveries = 0;
    await startRun(site(200), {
      pushBudget: 40,
      // The relay fires while the chain runs, just before its third tick is delivered.
      wrapConsumer: (consumer) => async (event) => {
        if (++deliveries === 3) await run.queue.fireNextTrigger();
        return consumer(event);
      },
    });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    expect(tickDecisions().slice(0, 3)).toEqual(['continued', 'continued', 'duplicate']);
    expect((await chainRecords())[0]?.generation).toBe(0);
    expect(status).toMatchObject({ state: 'completed', processed: 100 });
    expect(Math.max(...run.queue.pushesPerInitialInvocation())).toBeLessThanOrEqual(40);
  });

  it('restarts a chain whose invocation crashed, from its checkpoint, once it has been silent long enough', async () => {
    let crashed = false;
    await startRun(site(40), {
      wrapConsumer: (consumer) => async (event) => {
        if (crashed) return consumer(event);
        crashed = true;
        const restore = beforeForgeFetch(async (_target, path, init) => {
          if (init.method === 'PUT' && path.startsWith('/rest/api/3/issue/')) throw new Error('The invocation was killed');
        });
        try {
          return await consumer(event);
        } finally {
          restore();
        }
      },
    });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    await run.queue.runUntilIdle();
    const crashedAt = run.queue.now();
    expect((await run.status()).processed).toBe(0);
    while (run.queue.now() < crashedAt + STALL_AFTER_MS - RELAY_INTERVAL_MS) await run.queue.fireNextTrigger();
    expect((await chainRecords())[0]).toMatchObject({ generation: 0, state: 'running' });
    const { status } = await run.runToEnd();
    expect(status).toMatchObject({ state: 'completed', processed: 20, done: 20 });
    expect((await chainRecords())[0]?.generation).toBe(1);
  });
});

describe('failures', () => {
  it('fails a chain Jira refuses to search, saying which call failed and nothing of the tickets', async () => {
    await startRun(site(4));
    run.sim.faults.add({ principal: 'app', path: '/rest/api/3/search/jql', fault: { kind: 'answer', status: 400, body: { errorMessages: ['The value \'Secret roadmap\' does not exist.'], errors: {} } } });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    expect(status).toMatchObject({ state: 'failed', lastErrors: [{ operation: 'searchIssues', status: 400, message: 'Jira refused the search of this part of the backfill.' }] });
    expect(JSON.stringify(status)).not.toContain('Secret roadmap');
  });

  it('gives a chain up after Jira keeps failing, backing off in between', async () => {
    await startRun(site(4));
    run.sim.faults.add({ principal: 'app', path: '/rest/api/3/search/jql', fault: { kind: 'server-error', status: 500 } });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    expect(status).toMatchObject({ state: 'failed', processed: 0 });
    const searches = appCalls({ path: '/rest/api/3/search/jql' }).map((call) => call.at);
    expect(searches).toHaveLength(9);
    expect(searches.slice(1).map((at, index) => (at - (searches[index] as number)) / 1000)).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
  });

  it('counts an issue deleted since the search as failed and goes on', async () => {
    await startRun(site(6));
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const restore = beforeForgeFetch(async (_target, path) => {
      if (path === '/rest/api/3/app/field/value') run.sim.state.issues.delete('10002');
    });
    const { status } = await run.runToEnd();
    restore();
    expect(status).toMatchObject({ state: 'completed', processed: 3, done: 2, failed: 1, lastErrors: [{ issueKey: 'PAY-2', status: 404 }] });
  });

  it('skips an event that is not a backfill tick', async () => {
    await startRun(site(2));
    await expect(createBackfillConsumer()({ body: { hello: 'world' }, eventId: 'e1' })).resolves.toBeUndefined();
    expect(logs.some((line) => line.includes('skipped-invalid-payload'))).toBe(true);
  });
});

describe('pause, resume and cancel', () => {
  it('stops at the page boundary when paused, makes no call while paused, and finishes once resumed', async () => {
    await startRun(site(40));
    let paused: BackfillStatusView | undefined;
    const restore = beforeForgeFetch(async (_target, path) => {
      if (!paused && path === '/rest/api/3/search/jql') paused = (await run.admin('pauseBackfill')).ok ? await run.status() : undefined;
    });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    await run.queue.runUntilIdle();
    restore();
    expect(paused?.state).toBe('paused');
    const status = await run.status();
    expect(status).toMatchObject({ state: 'paused' });
    const callsWhilePaused = appCalls().length;
    run.queue.advance(3_600_000);
    await run.queue.fireNextTrigger();
    await run.queue.runUntilIdle();
    expect(appCalls()).toHaveLength(callsWhilePaused);
    await expect(run.admin('pauseBackfill')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'The backfill is already paused.' } });
    await expect(run.admin('resumeBackfill')).resolves.toMatchObject({ ok: true, data: { state: 'running' } });
    const { status: finished } = await run.runToEnd();
    expect(finished).toMatchObject({ state: 'completed', processed: 20, done: 20 });
    await expect(run.admin('resumeBackfill')).resolves.toMatchObject({ ok: false, error: { message: 'The backfill has completed: start a new one.' } });
  });

  it('cancels within one page: the tick under way finishes its page, no other page is read', async () => {
    await startRun(site(200));
    let cancelledAfterSearch = -1;
    const restore = beforeForgeFetch(async (_target, path) => {
      const searches = appCalls({ path: '/rest/api/3/search/jql' }).length;
      if (cancelledAfterSearch < 0 && path === '/rest/api/3/search/jql' && searches === 3) {
        cancelledAfterSearch = searches + 1;
        await run.admin('cancelBackfill');
      }
    });
    await run.start({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false });
    const { status } = await run.runToEnd();
    restore();
    expect(status.state).toBe('cancelled');
    expect(appCalls({ path: '/rest/api/3/search/jql' })).toHaveLength(cancelledAfterSearch);
    const lastPage = appCalls({ path: '/rest/api/3/search/jql' }).at(-1);
    expect(appCalls().filter((call) => lastPage && call.at > lastPage.at)).toEqual([]);
    expect(status.processed).toBeLessThan(100);
    await expect(run.admin('resumeBackfill')).resolves.toMatchObject({ ok: false, error: { message: 'The backfill has been cancelled: start a new one.' } });
  });

  it('lets a new backfill start once the last one ended, and not while one runs', async () => {
    await startRun(site(4));
    await saveConfig(DEFAULT_ADMIN_CONFIG);
    await run.start({ scope: ALL, addLabels: false });
    await expect(run.admin('startBackfill', { scope: ALL, addLabels: false })).resolves.toMatchObject({ ok: false, error: { message: 'A backfill is already under way: wait for it, or cancel it first.' } });
    await run.admin('cancelBackfill');
    await expect(run.admin('startBackfill', { scope: ALL, addLabels: false })).resolves.toMatchObject({ ok: true, data: { state: 'running' } });
  });
});

describe('real time', () => {
  it('runs on the in-process queue in real time with the platform’s clock, as the sandbox does', async () => {
    const queue = new InProcessQueue({ time: 'real' });
    const sim = await startJiraSimulator(manifestJira({ issues: site(8) }));
    closers.push(() => sim.close());
    const runtime = currentForgeRuntime();
    runtime.connectJira(sim.url);
    runtime.useStores({ kvs: new KvsStore(), queue });
    runtime.setRemainingTimeMs(() => 25_000);
    queue.consume(BACKFILL_QUEUE, createBackfillConsumer());
    const admin = createAdminResolver({ clock: simulatedClock().invocation });
    const context = { moduleKey: MODULE_KEYS.adminPage, accountId: USERS.admin };
    await expect(invokeResolver(admin, 'startBackfill', context, { scope: ALL, addLabels: true })).resolves.toMatchObject({ ok: true });
    await queue.runUntilIdle();
    await expect(invokeResolver(admin, 'getBackfillStatus', context)).resolves.toMatchObject({ ok: true, data: { status: { state: 'completed', processed: 8, done: 8 } } });
  });
});
