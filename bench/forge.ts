/**
 * `tsx bench/forge.ts`: figures of the Forge app, printed, never asserted.
 * - Jira calls per event, counted by the Jira simulator: a created issue (the installation's first
 *   one also looks up the app's field ids), an irrelevant update (Story Points), an update that
 *   leaves the analysis unchanged, and one that changes it; handler time per event;
 * - the trigger's cold load: src/index.ts bundled the way Forge deploys it, required in fresh
 *   Node processes (median), and the bundle's size.
 * The handlers run through the real @forge packages and the simulated Forge runtime (sim/forge).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { jiraModulesOf, readAppManifest } from '../sim/appManifest';
import { bundleForgeModule } from '../sim/forge/bundle';
import { InProcessQueue } from '../sim/forge/queue';
import { installForgeRuntime } from '../sim/forge/runtime';
import { KvsStore } from '../sim/forge/kvsStore';
import { startJiraSimulator, type JiraIssueEvent, type JiraSimulator } from '../sim/jira';
import { principalHeaders } from '../sim/principal';
import { table } from '../src/cli/evaluate';
import { MIXED_SUMMARIES as SUMMARIES, paragraph } from '../test/support/jiraFixtures';

const ROOT = path.resolve(__dirname, '..');
const ISSUES = 50;
const COLD_LOAD_RUNS = 7;
const EDITOR = 'bench-editor';
const STORY_POINTS = 'Story Points';


function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function asEditor(sim: JiraSimulator, method: string, route: string, body: unknown): Promise<{ id: string; key: string } | undefined> {
  const response = await fetch(sim.url + route, {
    method,
    headers: { ...principalHeaders({ kind: 'user', accountId: EDITOR }), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as { id: string; key: string }) : undefined;
}

interface Measured {
  events: number;
  calls: number;
  ms: number;
}

async function main(): Promise<void> {
  // The runtime globals must exist before any @forge module loads: the app is imported afterwards.
  const runtime = installForgeRuntime({ kvs: new KvsStore(), queue: new InProcessQueue() });
  const { handleIssueEvent } = await import('../src/index');
  const manifest = readAppManifest(path.join(ROOT, 'manifest.yml'));
  const { customFields, entityProperties } = jiraModulesOf(manifest);
  const sim = await startJiraSimulator({
    projects: [{ key: 'PAY', name: 'Payments', components: ['REST API', 'Webhooks'] }],
    users: [{ accountId: EDITOR, displayName: 'Bench Editor', projects: { PAY: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES'] } }],
    customFields: [...customFields, { name: STORY_POINTS, type: 'number' }],
    entityProperties,
  });
  runtime.connectJira(sim.url);
  const storyPoints = sim.state.customFieldByName(STORY_POINTS)?.id as string;

  const appCalls = () => sim.calls.count({ principal: 'app' });
  const lastEvent = (key: string): JiraIssueEvent => sim.events.emitted.filter((event) => event.issue.key === key && !event.selfGenerated).at(-1) as JiraIssueEvent;
  async function measure(events: JiraIssueEvent[]): Promise<Measured> {
    const before = appCalls();
    const start = process.hrtime.bigint();
    for (const event of events) await handleIssueEvent(event);
    return { events: events.length, calls: appCalls() - before, ms: Number(process.hrtime.bigint() - start) / 1e6 };
  }
  async function editAll(keys: string[], body: (index: number) => unknown): Promise<JiraIssueEvent[]> {
    const events: JiraIssueEvent[] = [];
    for (const [index, key] of keys.entries()) {
      await asEditor(sim, 'PUT', `/rest/api/3/issue/${key}`, body(index));
      events.push(lastEvent(key));
    }
    return events;
  }

  const keys: string[] = [];
  for (let i = 0; i < ISSUES; i++) {
    const created = await asEditor(sim, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: SUMMARIES[i % SUMMARIES.length], description: paragraph('Seen in production since Monday.') },
    });
    keys.push((created as { key: string }).key);
  }
  const createdEvents = keys.map((key) => sim.events.emitted.find((event) => event.issue.key === key && event.eventType === 'avi:jira:created:issue') as JiraIssueEvent);

  const originalLog = console.info;
  console.info = () => undefined;
  const first = await measure(createdEvents.slice(0, 1));
  const created = await measure(createdEvents.slice(1));
  const irrelevant = await measure(await editAll(keys, (i) => ({ fields: { [storyPoints]: (i % 8) + 1 } })));
  const unchanged = await measure(await editAll(keys, () => ({ fields: { description: paragraph('Seen in production since Tuesday.') } })));
  const changed = await measure(
    await editAll(keys, (i) => ({ fields: { summary: SUMMARIES[(i + 1) % SUMMARIES.length], description: paragraph('Add alerting and a dashboard to monitor the error rate.') } })),
  );
  console.info = originalLog;
  await sim.close();
  runtime.uninstall();

  const row = (name: string, { events, calls, ms }: Measured) => [name, String(events), (calls / events).toFixed(2), (ms / events).toFixed(1)];
  console.log(`Integration Radar Forge benchmark (node ${process.version}; Jira simulator on 127.0.0.1, no faults)\n`);
  console.log('Jira calls per issue event (trigger handler, real @forge packages):\n');
  console.log(
    table(
      ['event', 'events', 'Jira calls/event', 'ms/event'],
      [
        row('created, first of the installation (+ field id lookup)', first),
        row('created', created),
        row('updated, irrelevant field (Story Points)', irrelevant),
        row('updated, text changed, same analysis', unchanged),
        row('updated, analysis changed', changed),
      ],
    ),
  );

  const bundle = await bundleForgeModule(path.join(ROOT, 'src', 'index.ts'));
  const loadMs = Array.from({ length: COLD_LOAD_RUNS }, () =>
    Number(
      execFileSync(process.execPath, ['-e', `const s = process.hrtime.bigint(); require(${JSON.stringify(bundle.file)}); process.stdout.write(String(Number(process.hrtime.bigint() - s) / 1e6));`], {
        encoding: 'utf8',
      }),
    ),
  );
  console.log(
    `\nCold load of the bundled trigger (src/index.ts, esbuild, cjs, ${(bundle.bytes / 1024).toFixed(0)} KB): median ${median(loadMs).toFixed(0)} ms to require in a fresh process (${COLD_LOAD_RUNS} runs, min ${Math.min(...loadMs).toFixed(0)} ms)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
