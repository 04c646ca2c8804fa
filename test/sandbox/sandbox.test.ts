import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataFileError } from '../../sandbox/dataFile';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/sandbox';
import { ISSUE_PROPERTY_KEY, MODULE_KEYS } from '../../src/moduleKeys';

/**
 * The sandbox in this process on a free port with a temporary data folder: its forms, list, JQL
 * box, bridge and data file, over HTTP as a browser would use them, with the real trigger and
 * resolvers behind them.
 */
jest.setTimeout(60_000);

const WEBHOOK_SIGNATURE_ISSUE = {
  summary: 'Partner webhook signature verification fails after secret rotation',
  description:
    'Since we rotated the signing secret, every webhook delivery from the payment provider is rejected: the HMAC signature in the ' +
    '{{X-Signature}} header does not match the payload. Deliveries are retried and pile up.',
};

let dataDir: string;
let sandbox: Sandbox | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-test-'));
  // The app logs one JSON line per event and the sandbox reports progress: not the test's output.
  for (const method of ['info', 'warn', 'log'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
});

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  jest.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  sandbox = await startSandbox({ port: 0, dataDir, ...options });
  return sandbox;
}

async function restart(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  await sandbox?.close();
  return start(options);
}

function form(values: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(values).toString(), redirect: 'manual' };
}

async function createThroughForm(values: Record<string, string>): Promise<string> {
  const response = await fetch(`${sandbox?.url}/create`, form({ project: 'SHOP', issueType: 'Bug', components: '', labels: '', ...values }));
  expect(response.status).toBe(303);
  const key = /^\/browse\/([A-Z]+-\d+)\?created=1$/.exec(response.headers.get('location') ?? '')?.[1];
  if (!key) throw new Error(`unexpected redirect ${response.headers.get('location')}`);
  return key;
}

async function listPage(jql: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${sandbox?.url}/issues?${new URLSearchParams({ jql })}`);
  return { status: response.status, html: await response.text() };
}

/** The list's row of an issue: its labels, pattern and complexity cells as text. */
function row(html: string, key: string): { labels: string[]; patterns: string[]; complexity: string } | undefined {
  const match = new RegExp(`<tr data-issue-key="${key}">([\\s\\S]*?)</tr>`).exec(html);
  if (!match) return undefined;
  const cell = (name: string) => new RegExp(`<td class="${name}[^"]*">([\\s\\S]*?)</td>`).exec(match[1] as string)?.[1] ?? '';
  const items = (markup: string) => [...markup.matchAll(/<span class="[^"]*(?:label|pattern)[^"]*">([^<]*)<\/span>/g)].map((found) => found[1] as string);
  return { labels: items(cell('labels')), patterns: items(cell('patterns')), complexity: cell('complexity').trim() };
}

function issueCount(): number {
  return sandbox?.sim.state.issues.size ?? 0;
}

describe('the sandbox', () => {
  it('starts with the 40 sample tickets, analysed by the app', async () => {
    await start();
    expect(issueCount()).toBe(40);
    const { html } = await listPage('"Integration patterns" = webhook_issues');
    const keys = [...html.matchAll(/data-issue-key="([^"]+)"/g)].map((match) => match[1]);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(row(html, key as string)?.labels).toContain('integration-webhook');
  });

  it('creates an issue from the form; the trigger labels it and fills the fields, and JQL finds it', async () => {
    await start();
    const key = await createThroughForm(WEBHOOK_SIGNATURE_ISSUE);

    const view = await (await fetch(`${sandbox?.url}/browse/${key}?created=1`)).text();
    expect(view).toContain(`Created ${key}.`);
    expect(view).toMatch(/<dd id="issue-labels">[\s\S]*integration-webhook/);
    expect(view).toContain(`src="/frames/${MODULE_KEYS.issuePanel}/?issue=${key}"`);

    const { status, html } = await listPage('"Integration patterns" = webhook_issues');
    expect(status).toBe(200);
    const found = row(html, key);
    expect(found?.labels).toContain('integration-webhook');
    expect(found?.patterns).toContain('webhook_issues');
    expect(Number(found?.complexity)).toBeGreaterThanOrEqual(2);
    expect(row((await listPage('"Integration patterns" = monitoring_issues')).html, key)).toBeUndefined();
  });

  it('edits an issue from the form: a new description is analysed again, and a label the person removes goes', async () => {
    await start();
    const key = await createThroughForm({ summary: 'Checkout button colour', description: 'The button is grey.', labels: 'ui' });
    expect(row((await listPage(`key = ${key}`)).html, key)?.patterns).toEqual([]);

    const response = await fetch(`${sandbox?.url}/browse/${key}/edit`, form({ ...WEBHOOK_SIGNATURE_ISSUE, components: '', labels: '' }));
    expect(response.headers.get('location')).toBe(`/browse/${key}?saved=1`);
    const edited = row((await listPage(`key = ${key}`)).html, key);
    expect(edited?.patterns).toContain('webhook_issues');
    expect(edited?.labels).toContain('integration-webhook');
    expect(edited?.labels).not.toContain('ui');
  });

  it('keeps its issues and the app configuration across a restart', async () => {
    await start();
    const key = await createThroughForm(WEBHOOK_SIGNATURE_ISSUE);
    const frameId = await openFrame(`/frames/${MODULE_KEYS.adminPage}/`);
    const current = (await invoke(frameId, 'getConfig', {})) as { ok: boolean; data: { config: Record<string, unknown> } };
    expect(current.ok).toBe(true);
    const saved = (await invoke(frameId, 'saveConfig', { config: { ...current.data.config, labelPrefix: 'radar-' } })) as { ok: boolean };
    expect(saved.ok).toBe(true);

    await restart();
    expect(issueCount()).toBe(41);
    expect(row((await listPage('"Integration patterns" = webhook_issues')).html, key)?.labels).toContain('integration-webhook');
    const after = (await invoke(await openFrame(`/frames/${MODULE_KEYS.adminPage}/`), 'getConfig', {})) as { data: { config: { labelPrefix: string } } };
    expect(after.data.config.labelPrefix).toBe('radar-');
  });

  it('starts over from the samples with --reset', async () => {
    await start();
    const key = await createThroughForm(WEBHOOK_SIGNATURE_ISSUE);
    await restart({ reset: true });
    expect(issueCount()).toBe(40);
    expect(sandbox?.sim.state.issue(key)).toBeUndefined();
  });

  it('answers an empty summary with Jira\'s message, keeps what was typed and creates nothing', async () => {
    await start();
    const response = await fetch(`${sandbox?.url}/create`, form({ project: 'SHOP', issueType: 'Bug', summary: '   ', description: 'Webhook text I typed', components: '', labels: '' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('The issue was not created.');
    expect(html).toContain('You must specify a summary of the issue.');
    expect(html).toContain('>Webhook text I typed</textarea>');
    expect(issueCount()).toBe(40);
  });

  it('refuses form posts from other sites', async () => {
    await start();
    const init = form({ project: 'SHOP', issueType: 'Bug', summary: 'Forged', description: '', components: '', labels: '' });
    const response = await fetch(`${sandbox?.url}/create`, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: 'http://evil.example' } });
    expect(response.status).toBe(403);
    expect(issueCount()).toBe(40);
  });

  it('answers invalid JQL with Jira\'s message instead of a list', async () => {
    await start();
    const unknownField = await listPage('"Integration pattern" = webhook_issues');
    expect(unknownField.status).toBe(400);
    expect(unknownField.html).toContain('The JQL query is not valid');
    expect(unknownField.html).toContain('Field &#39;Integration pattern&#39; does not exist');
    const syntax = await listPage('labels in (a, b');
    expect(syntax.status).toBe(400);
    expect(syntax.html).toContain('Error in the JQL Query');
  });

  it('imports a JSONL of tickets into their projects once, skipping lines without a summary', async () => {
    const file = path.join(dataDir, 'tickets.jsonl');
    writeFileSync(
      file,
      [
        { key: 'MESOS-313', summary: 'Webhook callbacks to the scheduler are never retried', description: 'h3. Problem\n* callbacks fail\n* no retry' },
        { key: 'MESOS-336', summary: 'Slave should cache executors', description: 'Pulls from HDFS every time.' },
        { key: 'MESOS-400', summary: '', description: 'no summary' },
      ]
        .map((ticket) => JSON.stringify(ticket))
        .join('\n'),
    );
    await start({ importFile: file });
    expect(issueCount()).toBe(42);
    const { html } = await listPage('project = MESOS');
    expect(row(html, 'MESOS-1')?.patterns).toContain('webhook_issues');
    expect(row(html, 'MESOS-2')).toBeDefined();

    await restart({ importFile: file });
    expect(issueCount()).toBe(42);
  });

  it('refuses to start on an unreadable data file and leaves it as it was', async () => {
    const file = path.join(dataDir, 'state.json');
    writeFileSync(file, '{"version": 1, "jira": ');
    await expect(start()).rejects.toThrow(DataFileError);
    await expect(start()).rejects.toThrow(/state\.json: invalid JSON.*--reset/);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "jira": ');
  });

  it('shows the panel the real resolver answers through the bridge, with the issue from the page context', async () => {
    await start();
    const key = await createThroughForm(WEBHOOK_SIGNATURE_ISSUE);
    const frameId = await openFrame(`/frames/${MODULE_KEYS.issuePanel}/?issue=${key}`);
    const answer = (await invoke(frameId, 'getAnalysis', {})) as { ok: boolean; data: { issueKey?: string; testPlan?: { cases: unknown[] } } & Record<string, unknown> };
    expect(answer.ok).toBe(true);
    expect(JSON.stringify(answer.data)).toContain('webhook_issues');
    expect(JSON.stringify(answer.data)).toContain(key);
    const refused = (await invoke(frameId, 'saveConfig', { config: {} }).catch((error: Error) => error.message)) as string;
    expect(refused).toContain("Resolver has no definition for 'saveConfig'");
  });

  it('runs a backfill from the admin page over the seeded issues: those without results get them, the others are skipped', async () => {
    await start();
    const state = sandbox!.sim.state;
    // DATA's issues stand for issues from before the app was installed: none of its fields, property or labels.
    const data = [...state.issues.values()].filter((issue) => state.projectOf(issue).key === 'DATA');
    expect(data).toHaveLength(10);
    const analysed = new Map(data.map((issue) => [issue.key, appResults(issue)]));
    for (const issue of data) {
      issue.customValues.clear();
      issue.properties.clear();
      issue.labels = issue.labels.filter((label) => !label.startsWith('integration-'));
    }
    expect(row((await listPage('project = DATA')).html, 'DATA-1')?.patterns).toEqual([]);

    const frameId = await openFrame(`/frames/${MODULE_KEYS.adminPage}/`);
    const scope = { kind: 'projects', projectKeys: ['SHOP', 'DATA'] };
    const estimate = (await invoke(frameId, 'estimateBackfill', { scope })) as { ok: boolean; data: { count: number; jql: string } };
    expect(estimate).toEqual({ ok: true, data: expect.objectContaining({ count: 40, jql: 'project in ("SHOP", "DATA")' }) });
    const started = (await invoke(frameId, 'startBackfill', { scope, addLabels: true })) as { ok: boolean; data: { state: string } };
    expect(started.ok).toBe(true);

    // The page asks every few seconds; the queue delivers on real timers, pacing the pages with delayInSeconds.
    let status: { state: string; percent: number; done: number; skipped: number; failed: number; processed: number };
    for (;;) {
      const answer = (await invoke(frameId, 'getBackfillStatus', {})) as { data: { status: typeof status } };
      status = answer.data.status;
      if (status.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toMatchObject({ state: 'completed', percent: 100, processed: 40, done: 10, skipped: 30, failed: 0 });
    for (const issue of data) expect({ key: issue.key, ...appResults(issue) }).toEqual({ key: issue.key, ...analysed.get(issue.key) });
    expect(row((await listPage('project = DATA')).html, 'DATA-1')?.patterns).toEqual(analysed.get('DATA-1')?.patterns);
  });
});

/** What the app wrote on an issue: its two fields, its property and its labels. */
function appResults(issue: { customValues: Map<string, unknown>; properties: Map<string, unknown>; labels: string[] }) {
  const [patterns, complexity] = ['Integration patterns', 'Integration complexity'].map((name) => issue.customValues.get(sandbox?.sim.state.customFieldByName(name)?.id ?? ''));
  return { patterns: patterns ?? [], complexity, property: issue.properties.get(ISSUE_PROPERTY_KEY), labels: [...issue.labels].sort() };
}

async function openFrame(src: string): Promise<string> {
  const html = await (await fetch(`${sandbox?.url}${src}`)).text();
  const frameId = /<script src="\/__bridge\/([\w-]+)\/bridge\.js"><\/script>/.exec(html)?.[1];
  if (!frameId) throw new Error(`no bridge in ${src}`);
  return frameId;
}

async function invoke(frameId: string, functionKey: string, payload: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox?.url}/__bridge/${frameId}/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ functionKey, payload }) });
  const answer = (await response.json()) as { result?: unknown; message?: string };
  if (!response.ok) throw new Error(answer.message);
  return answer.result;
}
