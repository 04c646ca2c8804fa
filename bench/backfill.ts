/**
 * `tsx bench/backfill.ts`: the backfill's throughput against a Jira rate limit, printed, never
 * asserted. A site of 10,000 issues in five projects (sim/backfillSite.ts) runs through the real
 * consumer, relay and @forge packages on the in-process queue in simulated time; the Jira simulator
 * enforces a per-second burst limit on the app's calls (429 `jira-burst-based` beyond it) on the
 * same clock. Reported: Jira calls per second achieved against the limit, calls per 1,000 issues,
 * 429s, queue deliveries; then the same site again, now unchanged, for the cost of a re-run.
 */
import { InProcessQueue } from '../sim/forge/queue';
import { installForgeRuntime } from '../sim/forge/runtime';
import { KvsStore } from '../sim/forge/kvsStore';
import { jiraModulesOf, readAppManifest } from '../sim/appManifest';
import { sampleTickets, siteIssues, siteProjects, SITE_PROJECTS } from '../sim/backfillSite';
import { seededRandom } from '../sim/seededRandom';
import { startJiraSimulator, type JiraSimulator } from '../sim/jira';
import * as path from 'node:path';
import { MAX_CHAINS } from '../src/backfill/chains';

const ISSUES = 10_000;
const ALLOWED_CALLS_PER_SECOND = 40;
const RELAY_INTERVAL_MS = 5 * 60_000;
const CONSUMER_BUDGET_MS = 900_000;

interface RunFigures {
  issues: number;
  calls: number;
  admitted: number;
  limited: number;
  seconds: number;
  deliveries: number;
  relays: number;
  wallSeconds: number;
}

async function main(): Promise<void> {
  const queue = new InProcessQueue({ startAt: Date.UTC(2026, 1, 2), random: seededRandom(3) });
  const now = () => queue.now();
  const runtime = installForgeRuntime({ kvs: new KvsStore({ now }), queue, remainingTimeMs: () => CONSUMER_BUDGET_MS });
  // The app is imported once the runtime's globals exist, as Forge loads it.
  const { createBackfillConsumer } = await import('../src/entry/backfill/consumer');
  const { createBackfillRelay } = await import('../src/entry/backfill/relay');
  const { backfillStatus, startBackfill } = await import('../src/backfill/control');
  const { pushTicks } = await import('../src/backfill/tickQueue');
  const { DEFAULT_ADMIN_CONFIG } = await import('../src/config/schema');
  const { JiraClient } = await import('../src/jira/client');
  const { BACKFILL_QUEUE } = await import('../src/moduleKeys');

  const tickets = sampleTickets();
  const { customFields, entityProperties } = jiraModulesOf(readAppManifest(path.join(__dirname, '..', 'manifest.yml')));
  const sim: JiraSimulator = await startJiraSimulator({
    projects: siteProjects(tickets),
    customFields,
    entityProperties,
    issues: siteIssues(ISSUES, seededRandom(20260202), tickets).map((issue) => issue.seed),
    now,
  });
  runtime.connectJira(sim.url);
  sim.faults.burstLimit = { requests: ALLOWED_CALLS_PER_SECOND, principal: 'app' };
  sim.faults.perIssueWriteLimit = true;

  const clock = () => ({ now, remainingTimeMs: () => CONSUMER_BUDGET_MS });
  const consumer = createBackfillConsumer({ clock, random: seededRandom(5) });
  queue.consume(BACKFILL_QUEUE, (event) => consumer(event));
  const relay = createBackfillRelay({ clock });
  let relays = 0;
  queue.scheduleTrigger(RELAY_INTERVAL_MS, async () => {
    relays += 1;
    await relay();
  });
  const quiet = { info: console.info, warn: console.warn };
  console.info = () => undefined;
  console.warn = () => undefined;

  async function backfill(): Promise<RunFigures> {
    const wallStart = process.hrtime.bigint();
    const callsBefore = sim.calls.records.length;
    const deliveriesBefore = queue.deliveries.length;
    const relaysBefore = relays;
    const client = new JiraClient({ as: 'app', remainingTimeMs: () => 25_000, now, maxRetries: 0 });
    const started = await startBackfill({ scope: { kind: 'projects', projectKeys: SITE_PROJECTS.map((project) => project.key) }, addLabels: true }, DEFAULT_ADMIN_CONFIG, client, { now, pushTicks });
    if ('refused' in started || 'fieldErrors' in started) throw new Error(`The backfill did not start: ${JSON.stringify(started)}`);
    for (;;) {
      await queue.runUntilIdle();
      const status = await backfillStatus(now());
      if (status?.state !== 'running') break;
      await queue.fireNextTrigger();
    }
    const calls = sim.calls.records.slice(callsBefore).filter((call) => call.principal.kind === 'app' && call.path !== '/rest/api/3/search/approximate-count');
    const first = calls[0]?.at ?? now();
    const last = calls.at(-1)?.at ?? now();
    const status = await backfillStatus(now());
    return {
      issues: status?.processed ?? 0,
      calls: calls.length,
      admitted: calls.filter((call) => call.status !== 429).length,
      limited: calls.filter((call) => call.status === 429).length,
      // Calls in one instant of simulated time share a second: the span counts whole seconds.
      seconds: Math.floor((last - first) / 1000) + 1,
      deliveries: queue.deliveries.length - deliveriesBefore,
      relays: relays - relaysBefore,
      wallSeconds: Number(process.hrtime.bigint() - wallStart) / 1e9,
    };
  }

  const fresh = await backfill();
  queue.advance(RELAY_INTERVAL_MS);
  const again = await backfill();
  console.info = quiet.info;
  console.warn = quiet.warn;
  await sim.close();
  runtime.uninstall();

  const rate = (run: RunFigures) => run.admitted / run.seconds;
  const costs = (run: RunFigures) =>
    `${((run.calls / run.issues) * 1000).toFixed(0)} Jira calls per 1,000 issues (${run.limited} answered 429); ${run.deliveries} queue deliveries, ${run.relays} relays; ${run.wallSeconds.toFixed(1)} s wall`;
  console.log(`\nBackfill against a burst limit of ${ALLOWED_CALLS_PER_SECOND} app calls/s (Jira simulator, simulated time, ${SITE_PROJECTS.length} projects in ${MAX_CHAINS} parallel chains):`);
  console.log(
    `  first run, every issue written: ${fresh.issues} issues in ${fresh.seconds} simulated s; ${rate(fresh).toFixed(1)} Jira calls/s admitted = ` +
      `${((100 * rate(fresh)) / ALLOWED_CALLS_PER_SECOND).toFixed(1)}% of the allowed rate; ${costs(fresh)}`,
  );
  console.log(`  second run, every issue unchanged: ${again.issues} issues in ${again.seconds} simulated s (${(again.issues / again.seconds).toFixed(0)} issues/s, one search per page); ${costs(again)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
