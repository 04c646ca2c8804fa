import { kvs } from '@forge/kvs';
import { DEFAULT_ADMIN_CONFIG } from '../../../src/config/schema';
import { saveConfig } from '../../../src/config/store';
import { MODULE_KEYS } from '../../../src/moduleKeys';
import { manifestJira } from '../../support/appManifest';
import { startBackfillRun, type BackfillRun } from '../../support/backfillRun';
import { USERS } from '../../support/jiraFixtures';

/** The admin function's backfill keys through @forge/resolver, as the admin page invokes them. */
let run: BackfillRun;

beforeEach(async () => {
  for (const method of ['info', 'warn', 'error'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
  run = await startBackfillRun({ jira: manifestJira() });
});
afterEach(async () => {
  jest.restoreAllMocks();
  await run.close();
});

const KEYS = ['estimateBackfill', 'startBackfill', 'getBackfillStatus', 'pauseBackfill', 'resumeBackfill', 'cancelBackfill'];
const START = { scope: { kind: 'projects', projectKeys: ['PAY', 'OPS'] }, addLabels: true };
const payloadFor = (key: string) => (key === 'startBackfill' ? START : key === 'estimateBackfill' ? { scope: START.scope } : {});

describe('who may call the backfill keys', () => {
  it('refuses a user who is not a Jira administrator and a call without a user, before anything starts', async () => {
    for (const accountId of [USERS.editor, undefined]) {
      for (const key of KEYS) {
        await expect(run.admin(key, payloadFor(key), { accountId })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    expect(run.queue.pushes).toEqual([]);
    await expect(kvs.get('backfill:job')).resolves.toBeUndefined();
  });

  it('refuses the issue panels, before asking Jira anything', async () => {
    for (const moduleKey of [MODULE_KEYS.issuePanel, MODULE_KEYS.issueContext]) {
      await expect(run.admin('startBackfill', START, { moduleKey, issue: { id: '10000', key: 'PAY-1' } })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(run.sim.calls.records).toEqual([]);
  });

  it('fails closed when the permission check fails', async () => {
    run.sim.faults.add({ path: '/rest/api/3/mypermissions', fault: { kind: 'server-error', status: 500 } });
    await expect(run.admin('startBackfill', START)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(run.queue.pushes).toEqual([]);
  });
});

describe('payloads', () => {
  it('rejects invalid scopes with a message per field', async () => {
    await expect(run.admin('estimateBackfill', { scope: { kind: 'projects', projectKeys: [] } })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'The request is not valid.', fieldErrors: [{ path: 'scope.projectKeys', message: 'Choose at least one project.' }] },
    });
    await expect(run.admin('estimateBackfill', { scope: { kind: 'jql', jql: 'project = PAY ORDER BY created' } })).resolves.toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'scope.jql', message: 'Leave out ORDER BY: the backfill goes through the issues in key order.' }] },
    });
    await expect(run.admin('startBackfill', { scope: { kind: 'projects', projectKeys: ['pay'] } })).resolves.toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'scope.projectKeys.0', message: expect.stringContaining('uppercase') }, { path: 'addLabels', message: 'Choose whether to add pattern labels.' }] },
    });
    await expect(run.admin('pauseBackfill', { jobId: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('estimate, start and status', () => {
  it('estimates with Jira’s approximate count, restricted to the projects the settings enable', async () => {
    await expect(run.admin('estimateBackfill', { scope: START.scope })).resolves.toEqual({ ok: true, data: { jql: 'project in ("PAY", "OPS")', count: 3, chains: 2 } });
    await expect(run.admin('estimateBackfill', { scope: { kind: 'jql', jql: 'summary ~ sync' } })).resolves.toEqual({ ok: true, data: { jql: '(summary ~ sync)', count: 1, chains: 1 } });
    await saveConfig({ ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'] });
    await expect(run.admin('estimateBackfill', { scope: { kind: 'jql', jql: 'created >= "2026-01-01"' } })).resolves.toEqual({
      ok: true,
      data: { jql: '(created >= "2026-01-01") AND project = "PAY"', count: 2, chains: 1 },
    });
    await expect(run.admin('estimateBackfill', { scope: START.scope })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'The request is not valid.', fieldErrors: [{ path: 'scope.projectKeys.1', message: 'The project OPS is not enabled in the settings: enable it first, or leave it out.' }] },
    });
    const counts = run.sim.calls.filter({ path: '/rest/api/3/search/approximate-count' });
    expect(counts.map((call) => [call.principal.kind, (call.requestBody as { jql: string }).jql])).toEqual([
      ['app', 'project in ("PAY", "OPS")'],
      ['app', '(summary ~ sync)'],
      ['app', '(created >= "2026-01-01") AND project = "PAY"'],
    ]);
  });

  it('gives a query Jira rejects back as the JQL field’s error, in Jira’s words, and starts nothing', async () => {
    const refused = { ok: false, error: { code: 'invalid-request', fieldErrors: [{ path: 'scope.jql', message: expect.stringContaining("The value 'NOPE' does not exist for the field 'project'.") }] } };
    await expect(run.admin('estimateBackfill', { scope: { kind: 'jql', jql: 'project = NOPE' } })).resolves.toMatchObject(refused);
    await expect(run.admin('startBackfill', { scope: { kind: 'jql', jql: 'project = NOPE' }, addLabels: false })).resolves.toMatchObject(refused);
    expect(run.queue.pushes).toEqual([]);
    await expect(run.admin('getBackfillStatus')).resolves.toEqual({ ok: true, data: { status: null } });
  });

  it('answers no status before the first backfill, then the progress the page polls', async () => {
    await expect(run.admin('getBackfillStatus')).resolves.toEqual({ ok: true, data: { status: null } });
    const started = await run.admin('startBackfill', START);
    expect(started).toEqual({
      ok: true,
      data: {
        jobId: expect.any(String),
        state: 'running',
        scope: START.scope,
        jql: 'project in ("PAY", "OPS")',
        addLabels: true,
        startedAt: new Date(run.queue.now()).toISOString(),
        estimatedTotal: 3,
        done: 0,
        skipped: 0,
        failed: 0,
        processed: 0,
        percent: 0,
        ratePerMinute: 0,
        lastErrors: [],
        chains: { total: 2, finished: 0 },
      },
    });
    await run.runToEnd();
    await expect(run.admin('getBackfillStatus')).resolves.toMatchObject({ ok: true, data: { status: { state: 'completed', percent: 100, processed: 3, finishedAt: expect.any(String) } } });
  });

  it('answers a Jira outage during the estimate with a retry hint', async () => {
    run.sim.faults.add({ principal: 'app', path: '/rest/api/3/search/approximate-count', fault: { kind: 'rate-limit', retryAfterSeconds: 120, reason: 'jira-burst-based' } });
    await expect(run.admin('estimateBackfill', { scope: START.scope })).resolves.toMatchObject({ ok: false, error: { code: 'jira-unavailable', retryAfterSeconds: 120 } });
  });

  it('refuses pause, resume and cancel before any backfill', async () => {
    for (const key of ['pauseBackfill', 'resumeBackfill', 'cancelBackfill']) {
      await expect(run.admin(key)).resolves.toEqual({ ok: false, error: { code: 'invalid-request', message: 'No backfill has run yet.' } });
    }
  });
});
