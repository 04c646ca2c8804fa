import type { ExportsView, IssueAnalysisView, ReanalyzeView, ResolverResult } from '../../../src/contract';
import { createIssueEventHandler } from '../../../src/entry/events/handler';
import { createPanelResolver } from '../../../src/entry/panel/resolver';
import { StoredSummarySchema } from '../../../src/issueSync/storedSummary';
import { ISSUE_PROPERTY_KEY, MODULE_KEYS } from '../../../src/moduleKeys';
import { manifestJira } from '../../support/appManifest';
import { USERS } from '../../support/jiraFixtures';
import { invokeResolver, type InvocationContext } from '../../../sim/forge/resolverInvocation';
import { simulatedClock } from '../../support/simulatedClock';
import { useSimulatedJira } from '../../support/simulatedJira';

/** The panel function through @forge/resolver, the real @forge/api and the Jira simulator. PAY-1 is a Stripe webhook ticket. */
const jira = useSimulatedJira(() => manifestJira());
const clock = simulatedClock();
const panel = createPanelResolver({ clock: clock.invocation });
const PAY_1 = { id: '10000', key: 'PAY-1' };

beforeEach(() => {
  for (const method of ['info', 'warn', 'error'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

function inIssuePanel(accountId: string, issue = PAY_1): InvocationContext {
  return { moduleKey: MODULE_KEYS.issuePanel, accountId, issue };
}

function getAnalysis(context: InvocationContext, payload: unknown = {}) {
  return invokeResolver<ResolverResult<IssueAnalysisView>>(panel, 'getAnalysis', context, payload);
}

function getExports(context: InvocationContext, payload: unknown = {}) {
  return invokeResolver<ResolverResult<ExportsView>>(panel, 'getExports', context, payload);
}

function reanalyze(context: InvocationContext) {
  return invokeResolver<ResolverResult<ReanalyzeView>>(panel, 'reanalyze', context);
}

function data<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(`The resolver failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

describe.each([
  ['getAnalysis', getAnalysis],
  ['getExports', getExports],
] as const)('%s, which reads the issue as the user', (_key, read) => {
  it('tells a user without Browse permission nothing about the issue', async () => {
    const result = await read(inIssuePanel(USERS.outsider));
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'The issue does not exist, or you do not have permission to see it.' } });
    expect(JSON.stringify(result)).not.toMatch(/Stripe|webhook|PAY-1|10000/i);
  });

  it('takes the issue from the context: a payload naming another issue is refused', async () => {
    const result = await read(inIssuePanel(USERS.editor), { issueId: '10002' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', fieldErrors: [{ path: '', message: expect.stringContaining('issueId') }] } });
    expect(jira.sim.calls.records).toEqual([]);
  });

  it('serves the issue context panel too, and refuses other modules and calls outside an issue', async () => {
    await expect(read({ ...inIssuePanel(USERS.reader), moduleKey: MODULE_KEYS.issueContext })).resolves.toMatchObject({ ok: true });
    await expect(read({ ...inIssuePanel(USERS.admin), moduleKey: MODULE_KEYS.adminPage })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(read({ moduleKey: MODULE_KEYS.issuePanel, accountId: USERS.reader })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('answers jira-unavailable with the wait when Jira keeps rate limiting', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/issue/*', fault: { kind: 'rate-limit', retryAfterSeconds: 120 } });
    await expect(read(inIssuePanel(USERS.reader))).resolves.toEqual({
      ok: false,
      error: { code: 'jira-unavailable', message: 'Jira is busy right now. Try again shortly.', retryAfterSeconds: 120 },
    });
  });
});

describe('getAnalysis', () => {
  it('answers a user who may browse the issue with the analysis and its test cases, without the exports, reading as that user', async () => {
    const view = data(await getAnalysis(inIssuePanel(USERS.reader)));

    expect(view.issue).toEqual({ ...PAY_1, summary: 'Stripe webhook deliveries time out' });
    expect(view.analysis.patterns.map((pattern) => pattern.id)).toContain('webhook_issues');
    expect(view.analysis.testPlan.cases.length).toBeGreaterThan(0);
    expect(view).not.toHaveProperty('exports');
    expect(view).toMatchObject({ stored: null, projectEnabled: true });
    expect(jira.sim.calls.records.map((call) => [call.method, call.principal])).toEqual([['GET', { kind: 'user', accountId: USERS.reader }]]);
  });

  it('reports what the app stored once the issue was analysed', async () => {
    const event = { eventType: 'avi:jira:created:issue', issue: { ...PAY_1, fields: { project: { key: 'PAY' } } } };
    await createIssueEventHandler({ clock: clock.invocation })(event);
    const view = data(await getAnalysis(inIssuePanel(USERS.reader)));
    expect(view.stored).toEqual({ upToDate: true, labelsAdded: expect.arrayContaining(['integration-webhook']), labelsNotOnScreen: false });
  });
});

describe('getExports', () => {
  it('answers a user who may browse the issue with the test plan as Markdown, Gherkin and Xray CSV, reading as that user', async () => {
    const exports = data(await getExports(inIssuePanel(USERS.reader)));
    const { analysis } = data(await getAnalysis(inIssuePanel(USERS.reader)));

    expect(exports.markdown).toContain('# Integration test plan for PAY-1: Stripe webhook deliveries time out');
    expect(exports.gherkin).toMatch(/^@integration-radar @PAY-1\nFeature: Stripe webhook deliveries time out/);
    expect(exports.gherkin.match(/^ {2}Scenario: /gm)).toHaveLength(analysis.testPlan.cases.length);
    expect(exports.xrayCsv.split('\r\n')[0]).toBe('Issue Id;Test type;Test Summary;Test Priority;Action;Data;Result;Labels;Component');
    // which analysis they are of, for the panel to check against the one it shows
    expect(exports.textHash).toBe(analysis.textHash);
    expect(jira.sim.calls.records.map((call) => [call.method, call.principal])).toEqual([
      ['GET', { kind: 'user', accountId: USERS.reader }],
      ['GET', { kind: 'user', accountId: USERS.reader }],
    ]);
  });
});

describe('reanalyze', () => {
  it('requires Edit issues: a user who may only browse is refused and nothing is written', async () => {
    await expect(reanalyze(inIssuePanel(USERS.reader))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(jira.sim.calls.records.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /rest/api/3/mypermissions']);
    expect(jira.sim.state.issue('PAY-1')?.properties.has(ISSUE_PROPERTY_KEY)).toBe(false);
  });

  it('re-runs and writes like an update for an editor, then finds nothing to change', async () => {
    const first = data(await reanalyze(inIssuePanel(USERS.editor)));
    expect(first.decision).toBe('written');
    const stored = StoredSummarySchema.parse(jira.sim.state.issue('PAY-1')?.properties.get(ISSUE_PROPERTY_KEY));
    expect([...stored.patterns].sort()).toEqual(first.analysis.patterns.map((pattern) => pattern.id).sort());
    expect(first.stored).toMatchObject({ upToDate: true });
    expect(jira.sim.calls.filter({ method: 'PUT' })[0]?.principal).toEqual({ kind: 'app', accountId: jira.runtime.app.appAccountId });

    jira.sim.calls.clear();
    expect(data(await reanalyze(inIssuePanel(USERS.editor))).decision).toBe('unchanged');
    expect(jira.sim.calls.records.map((call) => call.method)).toEqual(['GET', 'GET']);
  });

  it('answers not-found for a user who cannot browse the issue', async () => {
    await expect(reanalyze(inIssuePanel(USERS.outsider))).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

it('has no admin resolvers: the panel function cannot save a configuration', async () => {
  await expect(invokeResolver(panel, 'saveConfig', inIssuePanel(USERS.admin), { config: {} })).rejects.toThrow("Resolver has no definition for 'saveConfig'.");
});
