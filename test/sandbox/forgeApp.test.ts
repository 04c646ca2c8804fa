import { startBackfill } from '../../src/backfill/control';
import { DEFAULT_ADMIN_CONFIG } from '../../src/config/schema';
import { JiraClient } from '../../src/jira/client';
import { BACKFILL_QUEUE } from '../../src/moduleKeys';
import { startForgeApp } from '../../sandbox/forgeApp';
import { manifestJira, readManifest } from '../support/appManifest';
import { RELAY_INTERVAL_MS } from '../support/backfillRun';
import { paragraph } from '../support/jiraFixtures';
import { useSimulatedJira } from '../support/simulatedJira';

/**
 * The sandbox's app runs the manifest's `scheduledTrigger` modules on their interval: the backfill
 * relay every five minutes, as an initial invocation, until the app stops. Here on the queue's
 * simulated clock; the sandbox's queue runs them on real, unref'd timers.
 */
const jira = useSimulatedJira(() => manifestJira({ issues: [{ project: 'PAY', summary: 'Webhook retries pile up', description: paragraph('Deliveries time out.') }] }));

beforeEach(() => {
  for (const method of ['info', 'warn'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test('the backfill relay runs every five minutes and restarts a stalled chain; stop() removes it', async () => {
  const queue = jira.runtime.queue;
  const errors: string[] = [];
  let handled = 0;
  const app = startForgeApp(readManifest(), { sim: jira.sim, queue }, { onHandled: () => (handled += 1), onError: (message) => errors.push(message) });

  // A backfill whose first page was never delivered, half an hour ago: its chain has stalled.
  const client = new JiraClient({ as: 'app', remainingTimeMs: () => 25_000, maxRetries: 0 });
  const started = await startBackfill(
    { scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: false },
    DEFAULT_ADMIN_CONFIG,
    client,
    { now: () => Date.now() - 30 * 60_000, pushTicks: async () => undefined },
  );
  expect(started).toMatchObject({ state: 'running' });
  expect(queue.pendingEvents(BACKFILL_QUEUE)).toHaveLength(0);

  const before = queue.now();
  await expect(queue.fireNextTrigger()).resolves.toBe(true);
  expect(queue.now() - before).toBe(RELAY_INTERVAL_MS);
  expect(queue.pendingEvents(BACKFILL_QUEUE)).toHaveLength(1);
  expect({ handled, errors }).toEqual({ handled: 1, errors: [] });

  app.stop();
  await expect(queue.fireNextTrigger()).resolves.toBe(false);
});
