import { JiraClient, type JiraClientOptions } from '../../src/jira/client';
import {
  JiraBadRequestError,
  JiraConnectionError,
  JiraForbiddenError,
  JiraNotFoundError,
  JiraServerError,
  JiraUnexpectedResponseError,
  LabelNotOnScreenError,
  RateLimitedError,
  retryLater,
} from '../../src/jira/errors';
import { COMPLEXITY_MODULE, PATTERNS_MODULE, PROPERTY_KEY, standardJira, USERS } from '../support/jiraFixtures';
import { useSimulatedJira } from '../support/simulatedJira';

/** The client runs through the real @forge/api and the simulated runtime, over HTTP, against the Jira simulator. */
const jira = useSimulatedJira(() => standardJira());

const PATTERNS = 'customfield_10040';
const COMPLEXITY = 'customfield_10041';

/** An invocation clock: sleeping spends the remaining time instead of waiting. */
function fakeInvocation(budgetMs = 25_000) {
  let remaining = budgetMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    options: {
      remainingTimeMs: () => remaining,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        remaining -= ms;
      },
      random: () => 0.5,
    } satisfies Omit<JiraClientOptions, 'as'>,
  };
}

function appClient(budgetMs?: number) {
  const invocation = fakeInvocation(budgetMs);
  return { client: new JiraClient({ as: 'app', ...invocation.options }), sleeps: invocation.sleeps };
}

function userClient(accountId: string) {
  jira.runtime.actAsUser(accountId);
  return new JiraClient({ as: 'user', ...fakeInvocation().options });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error,
  );
}

describe('getIssue', () => {
  it('reads summary, ADF description, labels, components and the app property', async () => {
    jira.sim.state.issue('PAY-1')?.properties.set(PROPERTY_KEY, { complexity: 7 });
    const issue = await appClient().client.getIssue('PAY-1', { propertyKey: PROPERTY_KEY });
    expect(issue).toEqual({
      id: '10000',
      key: 'PAY-1',
      projectId: '10000',
      projectKey: 'PAY',
      summary: 'Stripe webhook deliveries time out',
      description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The webhook endpoint returns 504 after the API gateway timeout.' }] }] },
      labels: ['customer-reported'],
      components: ['Webhooks'],
      updated: '2026-01-05T00:00:00.000+0000',
      property: { complexity: 7 },
    });
    expect(jira.sim.calls.records[0]?.query).toBe('fields=summary%2Cdescription%2Clabels%2Ccomponents%2Cproject%2Cupdated&properties=integration-radar');
  });

  it('gives null for a missing description and no property when none is set', async () => {
    const issue = await appClient().client.getIssue('10001', { propertyKey: PROPERTY_KEY });
    expect(issue.description).toBeNull();
    expect(issue).not.toHaveProperty('property');
  });

  it('maps a user without Browse projects to JiraNotFoundError, with the issue and Jira’s message', async () => {
    const error = await failure(userClient(USERS.outsider).getIssue('PAY-1'));
    expect(error).toBeInstanceOf(JiraNotFoundError);
    expect(error).toMatchObject({
      operation: 'getIssue',
      issue: 'PAY-1',
      status: 404,
      jiraMessages: ['Issue does not exist or you do not have permission to see it.'],
      message: 'getIssue PAY-1: Jira answered 404: Issue does not exist or you do not have permission to see it.',
    });
  });

  it('rejects an answer without the documented shape', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/issue/*', fault: { kind: 'answer', status: 200, body: { id: 10000, key: 'PAY-1', fields: {} } } });
    const error = await failure(appClient().client.getIssue('PAY-1'));
    expect(error).toBeInstanceOf(JiraUnexpectedResponseError);
    expect((error as JiraUnexpectedResponseError).jiraMessages).toEqual(expect.arrayContaining([expect.stringMatching(/^id: /), expect.stringMatching(/^fields\.summary: /)]));
  });
});

describe('editIssue', () => {
  it('adds and removes labels with one PUT of update operations, so a label a user adds meanwhile survives', async () => {
    jira.sim.state.issue('PAY-1')?.labels.push('integration-api');
    const { client } = appClient();
    const seen = await client.getIssue('PAY-1');
    await userClient(USERS.editor).editIssue('10000', { addLabels: ['hotfix'] });
    await client.editIssue(seen.id, { addLabels: ['integration-webhook'], removeLabels: ['integration-api'], properties: [{ key: PROPERTY_KEY, value: { v: 1 } }] });
    expect(jira.sim.state.issue('PAY-1')?.labels).toEqual(['customer-reported', 'hotfix', 'integration-webhook']);
    expect(jira.sim.state.issue('PAY-1')?.properties.get(PROPERTY_KEY)).toEqual({ v: 1 });
    const appEdit = jira.sim.calls.filter({ method: 'PUT', principal: 'app' });
    expect(appEdit).toHaveLength(1);
    expect(appEdit[0]).toMatchObject({
      query: 'notifyUsers=false',
      requestBody: { update: { labels: [{ add: 'integration-webhook' }, { remove: 'integration-api' }] }, properties: [{ key: PROPERTY_KEY, value: { v: 1 } }] },
    });
    expect(appEdit[0]?.requestBody).not.toHaveProperty('fields');
  });

  it('makes no call when there is nothing to change', async () => {
    await appClient().client.editIssue('10000', { addLabels: [], properties: [] });
    expect(jira.sim.calls.records).toEqual([]);
  });

  it('throws LabelNotOnScreenError where the edit screen lacks Labels; the app fields can still be written', async () => {
    const { client } = appClient();
    const error = await failure(client.editIssue('10002', { addLabels: ['integration-sync'] }));
    expect(error).toBeInstanceOf(LabelNotOnScreenError);
    expect(error).toMatchObject({ issue: '10002', status: 400, jiraMessages: ["labels: Field 'labels' cannot be set. It is not on the appropriate screen, or unknown."] });
    await client.setFieldValues([{ fieldId: PATTERNS, issueId: '10002', value: ['sync_issues'] }]);
    expect(jira.sim.state.issue('OPS-1')?.customValues.get(PATTERNS)).toEqual(['sync_issues']);
  });

  it('maps a user who may browse but not edit to JiraForbiddenError', async () => {
    expect(await failure(userClient(USERS.reader).editIssue('10000', { addLabels: ['x'] }))).toBeInstanceOf(JiraForbiddenError);
  });

  it('maps other 400s to JiraBadRequestError', async () => {
    const error = await failure(appClient().client.editIssue('10000', { addLabels: ['two words'] }));
    expect(error).toBeInstanceOf(JiraBadRequestError);
    expect(error).not.toBeInstanceOf(LabelNotOnScreenError);
  });
});

describe('issue properties', () => {
  it('sets a property, and reports an oversize value as a bad request', async () => {
    const { client } = appClient();
    await client.setIssueProperty('PAY-2', PROPERTY_KEY, { patterns: ['api_issues'], complexity: 4 });
    expect(jira.sim.state.issue('PAY-2')?.properties.get(PROPERTY_KEY)).toEqual({ patterns: ['api_issues'], complexity: 4 });
    expect(await failure(client.setIssueProperty('PAY-2', PROPERTY_KEY, { text: 'x'.repeat(40_000) }))).toBeInstanceOf(JiraBadRequestError);
  });
});

describe('app custom fields', () => {
  it('finds the field ids of the app’s modules and caches them in KVS: the second lookup makes no call', async () => {
    const first = await appClient().client.findAppFieldIds([PATTERNS_MODULE, COMPLEXITY_MODULE, 'not-deployed']);
    expect(first).toEqual(new Map([[PATTERNS_MODULE, PATTERNS], [COMPLEXITY_MODULE, COMPLEXITY]]));
    expect(jira.sim.calls.count()).toBe(1);
    expect(jira.runtime.kvs.snapshot()).toEqual({ [`jira-field-id:${PATTERNS_MODULE}`]: PATTERNS, [`jira-field-id:${COMPLEXITY_MODULE}`]: COMPLEXITY });
    jira.sim.calls.clear();
    const second = await appClient().client.findAppFieldIds([PATTERNS_MODULE, COMPLEXITY_MODULE]);
    expect(second).toEqual(first);
    expect(jira.sim.calls.count()).toBe(0);
  });

  it('sends issues that share a value in one entry, with numeric issue ids, and the last update of a pair wins', async () => {
    await appClient().client.setFieldValues([
      { fieldId: PATTERNS, issueId: '10000', value: ['webhook_issues'] },
      { fieldId: PATTERNS, issueId: '10001', value: ['webhook_issues'] },
      { fieldId: COMPLEXITY, issueId: '10000', value: 3 },
      { fieldId: COMPLEXITY, issueId: '10000', value: 7 },
    ]);
    expect(jira.sim.calls.records.map((c) => c.requestBody)).toEqual([
      {
        updates: [
          { customField: PATTERNS, issueIds: [10000, 10001], value: ['webhook_issues'] },
          { customField: COMPLEXITY, issueIds: [10000], value: 7 },
        ],
      },
    ]);
    expect(jira.sim.state.issue('PAY-2')?.customValues.get(PATTERNS)).toEqual(['webhook_issues']);
    expect(jira.sim.state.issue('PAY-1')?.customValues.get(COMPLEXITY)).toBe(7);
  });

  it('splits large updates into requests of at most 100 field and issue pairs', async () => {
    for (let i = 0; i < 147; i++) jira.sim.state.addIssue({ project: 'PAY', summary: `Issue ${i}` });
    const ids = [...jira.sim.state.issues.keys()];
    await appClient().client.setFieldValues(ids.map((issueId, i) => ({ fieldId: COMPLEXITY, issueId, value: i % 2 })));
    const pairsPerCall = jira.sim.calls.records.map((c) => (c.requestBody as { updates: Array<{ issueIds: number[] }> }).updates.reduce((n, u) => n + u.issueIds.length, 0));
    expect(pairsPerCall).toEqual([100, 50]);
    expect(ids.every((id, i) => jira.sim.state.issues.get(id)?.customValues.get(COMPLEXITY) === i % 2)).toBe(true);
  });

  it('refuses non-numeric issue ids before calling Jira', async () => {
    await expect(appClient().client.setFieldValues([{ fieldId: PATTERNS, issueId: 'PAY-1', value: [] }])).rejects.toThrow(/numeric issue ids/);
    expect(jira.sim.calls.records).toEqual([]);
  });
});

describe('search, count and permissions', () => {
  it('pages through a JQL search', async () => {
    const { client } = appClient();
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await client.searchJql({ jql: 'project in (PAY, OPS) ORDER BY key DESC', fields: ['summary'], maxResults: 2, ...(nextPageToken ? { nextPageToken } : {}) });
      keys.push(...page.issues.map((issue) => `${issue.key}:${String(issue.fields.summary).length > 0}`));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    expect(keys).toEqual(['PAY-2:true', 'PAY-1:true', 'OPS-1:true']);
    expect(jira.sim.calls.count({ path: '/rest/api/3/search/jql' })).toBe(2);
  });

  it('searches the app’s fields and properties after writing them', async () => {
    const { client } = appClient();
    await client.setFieldValues([{ fieldId: COMPLEXITY, issueId: '10000', value: 8 }]);
    await client.setIssueProperty('10001', PROPERTY_KEY, { patterns: ['api_issues'], complexity: 2 });
    expect((await client.searchJql({ jql: '"Integration complexity" >= 7', fields: ['summary'] })).issues.map((i) => i.key)).toEqual(['PAY-1']);
    expect(await client.approximateCount('integrationPattern = api_issues OR integrationComplexity > 5')).toBe(1);
  });

  it('surfaces invalid JQL as a bad request with Jira’s message', async () => {
    const error = await failure(appClient().client.searchJql({ jql: 'labels = ', fields: ['summary'] }));
    expect(error).toBeInstanceOf(JiraBadRequestError);
    expect((error as JiraBadRequestError).jiraMessages).toEqual(['Error in the JQL Query: Expecting either a value, list or function before the end of the query.']);
  });

  it('reports the caller’s permissions, for an issue or anywhere', async () => {
    expect(await userClient(USERS.reader).myPermissions(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { issueId: '10000' })).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: false });
    expect(await userClient(USERS.admin).myPermissions(['ADMINISTER'])).toEqual({ ADMINISTER: true });
    expect(await userClient(USERS.editor).myPermissions(['ADMINISTER'])).toEqual({ ADMINISTER: false });
  });
});

describe('retries', () => {
  it('retries a 429, waiting at least Retry-After and backing off exponentially, then succeeds', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/issue/*', fault: { kind: 'rate-limit', retryAfterSeconds: 3 }, times: 2 });
    const { client, sleeps } = appClient();
    expect((await client.getIssue('PAY-1')).key).toBe('PAY-1');
    expect(sleeps).toEqual([3_000, 4_000]);
    expect(jira.sim.calls.records.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('retries a 503 without Retry-After from a 2 s backoff', async () => {
    jira.sim.faults.add({ method: 'POST', path: '/rest/api/3/app/field/value', fault: { kind: 'server-error', status: 503 }, times: 1 });
    const { client, sleeps } = appClient();
    await client.setFieldValues([{ fieldId: COMPLEXITY, issueId: '10000', value: 5 }]);
    expect(sleeps).toEqual([2_000]);
    expect(jira.sim.state.issue('PAY-1')?.customValues.get(COMPLEXITY)).toBe(5);
  });

  it('retries after a connection reset', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/field', fault: { kind: 'reset' }, times: 1 });
    const { client, sleeps } = appClient();
    expect((await client.findAppFieldIds([PATTERNS_MODULE])).get(PATTERNS_MODULE)).toBe(PATTERNS);
    expect(sleeps).toEqual([2_000]);
  });

  it('throws RateLimitedError instead of sleeping past the invocation’s remaining time', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/issue/*', fault: { kind: 'rate-limit', retryAfterSeconds: 30, reason: 'jira-per-issue-on-write' } });
    const { client, sleeps } = appClient(20_000);
    const error = await failure(client.editIssue('10000', { addLabels: ['integration-webhook'] }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 429, issue: '10000', retryAfterSeconds: 30, reason: 'jira-per-issue-on-write' });
    expect(retryLater(error)).toEqual({ retryAfterSeconds: 30, rateLimited: true, reason: 'jira-per-issue-on-write' });
    expect(sleeps).toEqual([]);
    expect(jira.sim.calls.count()).toBe(1);
  });

  it('gives up after 4 retries', async () => {
    jira.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 1, reason: 'jira-burst-based' } });
    const { client, sleeps } = appClient(600_000);
    const error = await failure(client.approximateCount('project = PAY'));
    expect(error).toMatchObject({ retryAfterSeconds: 32, reason: 'jira-burst-based' });
    expect(sleeps).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(jira.sim.calls.count()).toBe(5);
  });

  it('hands an unavailable Jira back with a retry hint when the time runs out', async () => {
    jira.sim.faults.add({ fault: { kind: 'server-error', status: 503, retryAfterSeconds: 10 } });
    const { client, sleeps } = appClient(20_000);
    const error = await failure(client.getIssue('PAY-1'));
    expect(error).toBeInstanceOf(JiraServerError);
    expect(retryLater(error)).toEqual({ retryAfterSeconds: 10, rateLimited: false, reason: 'status-503' });
    expect(sleeps).toEqual([10_000]);
  });

  it('does not retry a 500, and reports a connection that never answers', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/myself', fault: { kind: 'server-error', status: 500 } });
    jira.sim.faults.add({ path: '/rest/api/3/field', fault: { kind: 'reset' } });
    const { client, sleeps } = appClient(6_000);
    const error = await failure(client.findAppFieldIds([PATTERNS_MODULE]));
    expect(error).toBeInstanceOf(JiraConnectionError);
    expect(error).toMatchObject({ status: 0, retryAfterSeconds: 2 });
    expect(sleeps).toEqual([]);
    jira.sim.faults.clear();
    jira.sim.faults.add({ path: '/rest/api/3/mypermissions', fault: { kind: 'server-error', status: 500 } });
    const serverError = await failure(client.myPermissions(['BROWSE_PROJECTS']));
    expect(serverError).toBeInstanceOf(JiraServerError);
    expect(retryLater(serverError)).toBeUndefined();
    expect(jira.sim.calls.count({ path: '/rest/api/3/mypermissions' })).toBe(1);
  });
});
