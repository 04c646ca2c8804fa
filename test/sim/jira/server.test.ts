import { SIMULATED_APP } from '../../../sim/appIdentity';
import type { JiraIssueEvent } from '../../../sim/jira';
import { principalHeaders, type Principal } from '../../../sim/principal';
import { paragraph, PROPERTY_KEY, standardJira, USERS } from '../../support/jiraFixtures';
import { useSimulatedJira } from '../../support/simulatedJira';

let clock = Date.UTC(2026, 0, 10);
let randomValues: number[] = [];
const jira = useSimulatedJira(() =>
  standardJira({ now: () => clock, random: () => randomValues.shift() ?? 0.5 }),
);

const app: Principal = { kind: 'app', accountId: SIMULATED_APP.appAccountId };
const user = (accountId: string): Principal => ({ kind: 'user', accountId });

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read Jira's JSON freely
}

async function call(method: string, path: string, as: Principal, body?: unknown): Promise<Answer> {
  const response = await fetch(jira.sim.url + path, {
    method,
    headers: { ...principalHeaders(as), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const PATTERNS = 'customfield_10040';
const COMPLEXITY = 'customfield_10041';
const STORY_POINTS = 'customfield_10042';

beforeEach(() => {
  clock = Date.UTC(2026, 0, 10);
  randomValues = [];
});

describe('issues', () => {
  it('answers 404 to a user without Browse projects, with Jira message', async () => {
    const answer = await call('GET', '/rest/api/3/issue/PAY-1', user(USERS.outsider));
    expect(answer).toMatchObject({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
  });

  it('returns the requested fields and properties', async () => {
    jira.sim.state.issue('PAY-1')?.properties.set(PROPERTY_KEY, { complexity: 3 });
    const answer = await call('GET', `/rest/api/3/issue/PAY-1?fields=summary,labels,${PATTERNS}&properties=${PROPERTY_KEY}`, user(USERS.reader));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: '10000',
      key: 'PAY-1',
      self: `${jira.sim.url}/rest/api/3/issue/10000`,
      fields: { summary: 'Stripe webhook deliveries time out', labels: ['customer-reported'], [PATTERNS]: null },
      properties: { [PROPERTY_KEY]: { complexity: 3 } },
    });
  });

  it('adds and removes labels with update operations and emits an updated event after answering', async () => {
    const seen: JiraIssueEvent[] = [];
    jira.sim.events.subscribe((event) => seen.push(event));
    const answer = await call('PUT', '/rest/api/3/issue/PAY-1?notifyUsers=false', user(USERS.editor), {
      update: { labels: [{ add: 'hotfix' }, { remove: 'customer-reported' }, { add: 'hotfix' }] },
    });
    expect(answer.status).toBe(204);
    expect(jira.sim.state.issue('PAY-1')?.labels).toEqual(['hotfix']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      selfGenerated: false,
      atlassianId: USERS.editor,
      issue: { id: '10000', key: 'PAY-1', fields: { summary: 'Stripe webhook deliveries time out' } },
      changelog: { items: [{ field: 'labels', fieldId: 'labels', fieldtype: 'jira', fromString: 'customer-reported', toString: 'hotfix' }] },
    });
    expect(seen[0]?.issue.fields).not.toHaveProperty('labels');
    expect(seen[0]?.issue.fields).not.toHaveProperty('description');
  });

  it('marks the app account edits as self-generated', async () => {
    await call('PUT', '/rest/api/3/issue/10000', app, { update: { labels: [{ add: 'integration-webhook' }] } });
    expect(jira.sim.events.emitted.map((e) => [e.selfGenerated, e.atlassianId])).toEqual([[true, SIMULATED_APP.appAccountId]]);
  });

  it('answers 403 when the user may browse but not edit', async () => {
    const answer = await call('PUT', '/rest/api/3/issue/PAY-1', user(USERS.reader), { update: { labels: [{ add: 'x' }] } });
    expect(answer.status).toBe(403);
  });

  it('rejects fields that are not on the screen, including read-only app fields and Labels where the screen lacks it', async () => {
    const unknown = await call('PUT', '/rest/api/3/issue/PAY-1', app, { fields: { colour: 'red', [PATTERNS]: ['api_issues'] } });
    expect(unknown).toMatchObject({
      status: 400,
      body: {
        errorMessages: [],
        errors: {
          colour: "Field 'colour' cannot be set. It is not on the appropriate screen, or unknown.",
          [PATTERNS]: `Field '${PATTERNS}' cannot be set. It is not on the appropriate screen, or unknown.`,
        },
      },
    });
    const labels = await call('PUT', '/rest/api/3/issue/OPS-1', app, { update: { labels: [{ add: 'integration-sync' }] }, properties: [{ key: PROPERTY_KEY, value: {} }] });
    expect(labels.body.errors).toEqual({ labels: "Field 'labels' cannot be set. It is not on the appropriate screen, or unknown." });
    expect(jira.sim.state.issue('OPS-1')?.properties.size).toBe(0);
  });

  it('validates labels, descriptions and update operations', async () => {
    const spaced = await call('PUT', '/rest/api/3/issue/PAY-1', app, { update: { labels: [{ add: 'two words' }] } });
    expect(spaced.body.errors).toEqual({ labels: "The label 'two words' contains spaces which is invalid." });
    const description = await call('PUT', '/rest/api/3/issue/PAY-1', app, { fields: { description: 'plain text' } });
    expect(description.body.errors.description).toMatch(/Atlassian Document/);
    const both = await call('PUT', '/rest/api/3/issue/PAY-1', app, { fields: { labels: ['a'] }, update: { labels: [{ add: 'b' }] } });
    expect(both.status).toBe(400);
  });

  it('sets fields, a foreign custom field and properties in one edit, and can return the issue', async () => {
    const answer = await call('PUT', '/rest/api/3/issue/PAY-2?returnIssue=true', user(USERS.editor), {
      fields: { summary: 'Refund button misaligned on mobile', description: paragraph('On iOS.'), [STORY_POINTS]: 3 },
      properties: [{ key: PROPERTY_KEY, value: { seen: true } }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.fields).toMatchObject({ summary: 'Refund button misaligned on mobile', [STORY_POINTS]: 3 });
    expect(jira.sim.state.issue('PAY-2')?.properties.get(PROPERTY_KEY)).toEqual({ seen: true });
    expect(jira.sim.events.emitted[0]?.changelog?.items.map((item) => item.fieldId)).toEqual(['summary', 'description', STORY_POINTS]);
  });

  it('creates issues and emits a created event', async () => {
    const answer = await call('POST', '/rest/api/3/issue', user(USERS.editor), {
      fields: { project: { key: 'PAY' }, issuetype: { name: 'Bug' }, summary: 'SendGrid bounces not processed', labels: ['email'], components: [{ name: 'Webhooks' }] },
    });
    expect(answer).toMatchObject({ status: 201, body: { id: '10003', key: 'PAY-3', self: `${jira.sim.url}/rest/api/3/issue/10003` } });
    expect(jira.sim.state.issue('PAY-3')).toMatchObject({ labels: ['email'], components: [{ name: 'Webhooks' }], reporter: USERS.editor });
    expect(jira.sim.events.emitted).toMatchObject([{ eventType: 'avi:jira:created:issue', selfGenerated: false, issue: { key: 'PAY-3' } }]);
    const missing = await call('POST', '/rest/api/3/issue', user(USERS.editor), { fields: { project: { key: 'PAY' }, issuetype: { name: 'Bug' } } });
    expect(missing.body.errors).toEqual({ summary: 'You must specify a summary of the issue.' });
  });
});

describe('app custom field values', () => {
  it('writes list and number values and emits one updated event per issue with the custom changelog', async () => {
    const answer = await call('POST', '/rest/api/3/app/field/value', app, {
      updates: [
        { customField: PATTERNS, issueIds: [10000, 10001], value: ['webhook_issues'] },
        { customField: COMPLEXITY, issueIds: [10000], value: 7 },
      ],
    });
    expect(answer.status).toBe(204);
    expect(jira.sim.state.issue('PAY-1')?.customValues).toEqual(new Map<string, unknown>([[PATTERNS, ['webhook_issues']], [COMPLEXITY, 7]]));
    expect(jira.sim.events.emitted.map((e) => [e.issue.key, e.changelog?.items.map((i) => [i.field, i.fieldtype, i.toString])])).toEqual([
      ['PAY-1', [['Integration patterns', 'custom', 'webhook_issues'], ['Integration complexity', 'custom', '7']]],
      ['PAY-2', [['Integration patterns', 'custom', 'webhook_issues']]],
    ]);
  });

  it('emits nothing when a value does not change or app events are switched off', async () => {
    await call('PUT', `/rest/api/3/app/field/${COMPLEXITY}/value?generateAppEvents=false`, app, { updates: [{ issueIds: [10000], value: 4 }] });
    await call('PUT', `/rest/api/3/app/field/${COMPLEXITY}/value`, app, { updates: [{ issueIds: [10000], value: 4 }] });
    expect(jira.sim.state.issue('PAY-1')?.customValues.get(COMPLEXITY)).toBe(4);
    expect(jira.sim.events.emitted).toEqual([]);
  });

  it('rejects string issue ids through the jira.js contract', async () => {
    const answer = await call('POST', '/rest/api/3/app/field/value', app, { updates: [{ customField: PATTERNS, issueIds: ['10000'], value: ['api_issues'] }] });
    expect(answer.status).toBe(400);
    expect(answer.body.errorMessages[0]).toMatch(/^The body does not match the jira\.js MultipleCustomFieldValuesUpdateDetailsSchema contract: updates\.0\.issueIds\.0: /);
  });

  it('refuses fields the app does not own, unknown fields, wrong value types and repeated pairs', async () => {
    const foreign = await call('POST', '/rest/api/3/app/field/value', app, { updates: [{ customField: STORY_POINTS, issueIds: [10000], value: 3 }] });
    expect(foreign.status).toBe(403);
    const unknown = await call('POST', '/rest/api/3/app/field/value', app, { updates: [{ customField: 'customfield_99999', issueIds: [10000], value: 3 }] });
    expect(unknown.status).toBe(404);
    const notAList = await call('POST', '/rest/api/3/app/field/value', app, { updates: [{ customField: PATTERNS, issueIds: [10000], value: 'api_issues' }] });
    expect(notAList).toMatchObject({ status: 400, body: { errorMessages: ["Field 'Integration patterns' takes an array of strings."] } });
    const notANumber = await call('POST', '/rest/api/3/app/field/value', app, { updates: [{ customField: COMPLEXITY, issueIds: [10000], value: '7' }] });
    expect(notANumber.status).toBe(400);
    const repeated = await call('POST', '/rest/api/3/app/field/value', app, {
      updates: [
        { customField: COMPLEXITY, issueIds: [10000], value: 1 },
        { customField: COMPLEXITY, issueIds: [10000], value: 2 },
      ],
    });
    expect(repeated.status).toBe(400);
    expect(jira.sim.state.issue('PAY-1')?.customValues.size).toBe(0);
  });
});

describe('issue properties', () => {
  it('creates, replaces, reads and deletes a property', async () => {
    expect((await call('PUT', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, app, { v: 1 })).status).toBe(201);
    expect((await call('PUT', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, app, { v: 2 })).status).toBe(200);
    expect((await call('GET', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, app)).body).toEqual({ key: PROPERTY_KEY, value: { v: 2 } });
    expect((await call('GET', '/rest/api/3/issue/PAY-1/properties', user(USERS.reader))).body).toEqual({
      keys: [{ key: PROPERTY_KEY, self: `${jira.sim.url}/rest/api/3/issue/10000/properties/${PROPERTY_KEY}` }],
    });
    expect((await call('PUT', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, user(USERS.reader), { v: 3 })).status).toBe(403);
    expect((await call('DELETE', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, app)).status).toBe(204);
    expect((await call('GET', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, app)).status).toBe(404);
  });

  it('rejects values longer than 32,768 characters', async () => {
    const value = { text: 'x'.repeat(32_768) };
    const answer = await call('PUT', `/rest/api/3/issue/PAY-1/properties/${PROPERTY_KEY}`, app, value);
    expect(answer.status).toBe(400);
    expect(jira.sim.state.issue('PAY-1')?.properties.has(PROPERTY_KEY)).toBe(false);
  });
});

describe('search', () => {
  it('pages through results with nextPageToken', async () => {
    const first = await call('POST', '/rest/api/3/search/jql', app, { jql: 'project in (PAY, OPS) ORDER BY key', fields: ['summary'], maxResults: 2 });
    expect(first.body.issues.map((i: { key: string }) => i.key)).toEqual(['OPS-1', 'PAY-1']);
    expect(first.body).toMatchObject({ isLast: false });
    const second = await call('POST', '/rest/api/3/search/jql', app, { jql: 'project in (PAY, OPS) ORDER BY key', fields: ['summary'], maxResults: 2, nextPageToken: first.body.nextPageToken });
    expect(second.body.issues.map((i: { key: string }) => i.key)).toEqual(['PAY-2']);
    expect(second.body).toEqual(expect.objectContaining({ isLast: true }));
    expect(second.body).not.toHaveProperty('nextPageToken');
    expect(second.body.issues[0].fields).toEqual({ summary: 'Refund button misaligned' });
  });

  it('returns only issues the user may browse, also through GET', async () => {
    const answer = await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project in (PAY, OPS)')}&fields=id`, user(USERS.reader));
    expect(answer.body.issues.map((i: { key: string }) => i.key)).toEqual(['PAY-1', 'PAY-2']);
  });

  it('refuses unbounded and invalid JQL with Jira messages', async () => {
    const unbounded = await call('POST', '/rest/api/3/search/jql', app, { jql: 'ORDER BY created DESC', fields: ['summary'] });
    expect(unbounded.body).toEqual({ errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'], errors: {} });
    const invalid = await call('POST', '/rest/api/3/search/jql', app, { jql: 'project = NOPE', fields: ['summary'] });
    expect(invalid).toMatchObject({ status: 400, body: { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."] } });
  });

  it('counts approximately', async () => {
    const answer = await call('POST', '/rest/api/3/search/approximate-count', user(USERS.editor), { jql: 'summary ~ webhook OR project = OPS' });
    expect(answer.body).toEqual({ count: 2 });
  });
});

describe('permissions and users', () => {
  it('answers mypermissions for an issue, a project or anywhere', async () => {
    const onIssue = await call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER&issueId=10000', user(USERS.reader));
    expect(onIssue.body.permissions).toEqual({
      BROWSE_PROJECTS: expect.objectContaining({ key: 'BROWSE_PROJECTS', type: 'PROJECT', havePermission: true }),
      EDIT_ISSUES: expect.objectContaining({ havePermission: false }),
      ADMINISTER: expect.objectContaining({ type: 'GLOBAL', havePermission: false }),
    });
    const anywhere = await call('GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES,ADMINISTER', user(USERS.admin));
    expect([anywhere.body.permissions.EDIT_ISSUES.havePermission, anywhere.body.permissions.ADMINISTER.havePermission]).toEqual([true, true]);
    expect((await call('GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=OPS-1', user(USERS.reader))).status).toBe(404);
    expect((await call('GET', '/rest/api/3/mypermissions', user(USERS.reader))).status).toBe(400);
  });

  it('checks permissions in bulk as authorize() asks', async () => {
    const answer = await call('POST', '/rest/api/3/permissions/check', app, {
      accountId: USERS.reader,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], issues: [10000, 10002] }],
    });
    expect(answer.body).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', issues: [10000], projects: [] },
        { permission: 'EDIT_ISSUES', issues: [], projects: [] },
      ],
    });
  });

  it('describes the calling account', async () => {
    expect((await call('GET', '/rest/api/3/myself', app)).body).toMatchObject({ accountId: SIMULATED_APP.appAccountId, accountType: 'app' });
    expect((await call('GET', '/rest/api/3/myself', user(USERS.reader))).body).toMatchObject({ accountId: USERS.reader, displayName: 'Rea Reader' });
    expect((await call('GET', '/rest/api/3/myself', { kind: 'anonymous' })).status).toBe(401);
  });
});

describe('faults and limits', () => {
  it('answers 429 with the rate-limit headers', async () => {
    jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', fault: { kind: 'rate-limit', retryAfterSeconds: 7, reason: 'jira-quota-tenant-based' }, times: 1 });
    const limited = await call('GET', '/rest/api/3/issue/PAY-1', app);
    expect(limited.status).toBe(429);
    expect([limited.headers.get('retry-after'), limited.headers.get('ratelimit-reason'), limited.headers.get('x-ratelimit-reset')]).toEqual([
      '7',
      'jira-quota-tenant-based',
      '2026-01-10T00:00Z',
    ]);
    expect((await call('GET', '/rest/api/3/issue/PAY-1', app)).status).toBe(200);
  });

  it('answers 503 with Retry-After, applies faults by probability, and counts calls', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/**', principal: 'app', probability: 0.5, fault: { kind: 'server-error', status: 503, retryAfterSeconds: 3 } });
    randomValues = [0.9, 0.1];
    expect((await call('GET', '/rest/api/3/field', app)).status).toBe(200);
    const unavailable = await call('GET', '/rest/api/3/field', app);
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '3']);
    expect((await call('GET', '/rest/api/3/field', user(USERS.reader))).status).toBe(200);
    expect(jira.sim.calls.count({ path: '/rest/api/3/field', principal: 'app' })).toBe(2);
    expect(jira.sim.calls.filter({ method: 'GET' }).map((c) => c.status)).toEqual([200, 503, 200]);
  });

  it('delays answers and resets connections', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/myself', fault: { kind: 'delay', ms: 20 }, times: 1 });
    expect((await call('GET', '/rest/api/3/myself', app)).status).toBe(200);
    jira.sim.faults.add({ path: '/rest/api/3/myself', fault: { kind: 'reset' }, times: 1 });
    await expect(call('GET', '/rest/api/3/myself', app)).rejects.toThrow('fetch failed');
    expect(jira.sim.calls.records.map((c) => c.status)).toEqual([200, 0]);
  });

  it('enforces the per-issue write limit when switched on: 20 writes per 2 s', async () => {
    jira.sim.faults.perIssueWriteLimit = true;
    for (let i = 0; i < 20; i++) expect((await call('PUT', `/rest/api/3/issue/PAY-1/properties/p${i}`, app, { i })).status).toBeLessThan(300);
    const limited = await call('PUT', '/rest/api/3/issue/PAY-1/properties/p20', app, { i: 20 });
    expect([limited.status, limited.headers.get('ratelimit-reason'), limited.headers.get('retry-after')]).toEqual([429, 'jira-per-issue-on-write', '2']);
    expect((await call('PUT', '/rest/api/3/issue/PAY-2/properties/p0', app, {})).status).toBe(201);
    clock += 2_000;
    expect((await call('PUT', '/rest/api/3/issue/PAY-1/properties/p20', app, { i: 20 })).status).toBe(201);
  });

  it('enforces 100 writes per 30 s to one issue', async () => {
    jira.sim.faults.perIssueWriteLimit = true;
    for (let i = 0; i < 100; i++) {
      expect((await call('PUT', `/rest/api/3/issue/PAY-1/properties/p${i % 5}`, app, { i })).status).toBeLessThan(300);
      clock += 200;
    }
    const limited = await call('PUT', '/rest/api/3/issue/PAY-1/properties/p0', app, {});
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '10']);
  });
});
