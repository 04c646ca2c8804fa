import type { JiraIssueEvent } from '../../../sim/jira';
import { DEFAULT_ADMIN_CONFIG, type AdminConfig } from '../../../src/config/schema';
import { saveConfig } from '../../../src/config/store';
import { createIssueEventHandler } from '../../../src/entry/events/handler';
import { SERVER_ERROR_RETRY_AFTER_SECONDS } from '../../../src/entry/events/retryRequest';
import { StoredSummarySchema } from '../../../src/issueSync/storedSummary';
import { JiraClient } from '../../../src/jira/client';
import { ISSUE_PROPERTY_KEY } from '../../../src/moduleKeys';
import { MDL_31410 } from '../../fixtures/corpus/mdl-31410';
import { manifestJira } from '../../support/appManifest';
import { deliverEvents } from '../../../sim/jira/eventDelivery';
import { beforeForgeFetch } from '../../support/forgeFetchHook';
import { paragraph, USERS } from '../../support/jiraFixtures';
import { jiraUser } from '../../../sim/jiraUser';
import { simulatedClock, type SimulatedClock } from '../../support/simulatedClock';
import { useSimulatedJira } from '../../support/simulatedJira';

/**
 * The issue event trigger, through the real @forge/api, @forge/kvs and @forge/events, over HTTP
 * to the Jira simulator configured from manifest.yml. Issues are created and edited as people do
 * (REST as a user), so the events the handler receives are the ones the simulator emits.
 */
const jira = useSimulatedJira(() => manifestJira());
const editor = jiraUser(() => jira.sim, USERS.editor);

const PATTERNS_FIELD = 'customfield_10040';
const COMPLEXITY_FIELD = 'customfield_10041';

let clock: SimulatedClock;
let handle: ReturnType<typeof createIssueEventHandler>;
let logs: string[];

beforeEach(() => {
  clock = simulatedClock();
  handle = createIssueEventHandler({ clock: clock.invocation });
  logs = [];
  for (const method of ['info', 'warn', 'error'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(String(args[0])));
  }
});

afterEach(() => jest.restoreAllMocks());

function appClient(): JiraClient {
  const invocation = clock.invocation();
  return new JiraClient({ as: 'app', remainingTimeMs: () => invocation.remainingTimeMs(), sleep: (ms) => invocation.sleep(ms) });
}

/** Creates an issue as the editor and returns the created event Jira emitted for it. */
async function createIssue(fields: { project?: string; summary: string; description?: string; labels?: string[]; components?: string[] }): Promise<JiraIssueEvent> {
  const created = await editor.createIssue({
    project: { key: fields.project ?? 'PAY' },
    issuetype: { name: 'Bug' },
    summary: fields.summary,
    ...(fields.description ? { description: paragraph(fields.description) } : {}),
    ...(fields.labels ? { labels: fields.labels } : {}),
    ...(fields.components ? { components: fields.components.map((name) => ({ name })) } : {}),
  });
  return lastEvent(created.key, 'avi:jira:created:issue');
}

function lastEvent(key: string, type: JiraIssueEvent['eventType']): JiraIssueEvent {
  const event = jira.sim.events.emitted.filter((candidate) => candidate.issue.key === key && candidate.eventType === type).at(-1);
  if (!event) throw new Error(`No ${type} event for ${key}`);
  return event;
}

function issue(key: string) {
  const found = jira.sim.state.issue(key);
  if (!found) throw new Error(`No issue ${key}`);
  return found;
}

function storedSummary(key: string) {
  return StoredSummarySchema.parse(issue(key).properties.get(ISSUE_PROPERTY_KEY));
}

async function setConfig(changes: Partial<AdminConfig>): Promise<void> {
  await saveConfig({ ...DEFAULT_ADMIN_CONFIG, ...changes });
}

function appCalls() {
  return jira.sim.calls.records.filter((record) => record.principal.kind === 'app').map((record) => `${record.method} ${record.path}`);
}

function decisions(): string[] {
  return logs.map((line) => JSON.parse(line) as { decision?: string }).flatMap((entry) => (entry.decision ? [entry.decision] : []));
}

async function searchKeys(jql: string): Promise<string[]> {
  const page = await appClient().searchJql({ jql, fields: ['summary'] });
  return page.issues.map((found) => found.key ?? found.id);
}

/** Warms the KVS cache of the app's field ids, as every event after an installation's first finds it. */
async function cacheFieldIds(): Promise<void> {
  await appClient().findAppFieldIds(['integration-patterns', 'integration-complexity']);
  jira.sim.calls.clear();
}

describe('a created issue', () => {
  it('gets its fields, pattern labels and property from a real corpus ticket in 3 Jira calls, and JQL finds it', async () => {
    await cacheFieldIds();
    const event = await createIssue({ summary: MDL_31410.summary, description: MDL_31410.description, labels: ['customer-reported'] });
    jira.sim.calls.clear();

    await expect(handle(event)).resolves.toBeUndefined();

    expect(appCalls()).toEqual([`GET /rest/api/3/issue/${event.issue.id}`, 'POST /rest/api/3/app/field/value', `PUT /rest/api/3/issue/${event.issue.id}`]);
    const created = issue(event.issue.key);
    const summary = storedSummary(event.issue.key);
    expect(summary.patterns).toEqual(expect.arrayContaining(['webhook_issues', 'external_service_issues']));
    expect(created.customValues.get(PATTERNS_FIELD)).toEqual(summary.patterns);
    expect(created.customValues.get(COMPLEXITY_FIELD)).toBe(summary.complexity);
    expect(created.labels).toEqual(expect.arrayContaining(['customer-reported', 'integration-webhook', 'integration-external-service']));
    expect(summary.labelsAdded).toEqual(summary.patterns.map((id) => ({ api_issues: 'integration-api', external_service_issues: 'integration-external-service', sync_issues: 'integration-sync', webhook_issues: 'integration-webhook', monitoring_issues: 'integration-monitoring' })[id]).sort());

    await expect(searchKeys('"Integration patterns" = webhook_issues')).resolves.toEqual([event.issue.key]);
    await expect(searchKeys('integrationPattern = webhook_issues')).resolves.toEqual([event.issue.key]);
    await expect(searchKeys(`"Integration complexity" = ${summary.complexity} AND integrationComplexity = ${summary.complexity}`)).resolves.toContain(event.issue.key);
  });

  it('looks the app’s field ids up once per installation (cached in KVS)', async () => {
    const first = await createIssue({ summary: 'Webhook signature verification fails' });
    const second = await createIssue({ summary: 'Twilio webhook callbacks arrive twice' });
    jira.sim.calls.clear();
    await handle(first);
    await handle(second);
    expect(appCalls().filter((call) => call === 'GET /rest/api/3/field')).toHaveLength(1);
    expect(appCalls()).toHaveLength(7);
  });

  it('writes the fields and records the failure when the Labels field is not on the edit screen', async () => {
    await cacheFieldIds();
    // The editor may only browse OPS: the issue is created directly in the simulator's state, with the event Jira would emit.
    const { event } = jira.sim.state.createIssue(
      { project: 'OPS', summary: 'Nightly sync job to the data warehouse loses records', description: paragraph('The batch synchronization with the warehouse API drops rows.') },
      { kind: 'user', accountId: USERS.admin },
    );
    await expect(handle(event)).resolves.toBeUndefined();

    const summary = storedSummary(event.issue.key);
    expect(summary.patterns).toContain('sync_issues');
    expect(summary).toMatchObject({ labelsNotOnScreen: true, labelsAdded: [] });
    expect(issue(event.issue.key).customValues.get(PATTERNS_FIELD)).toEqual(summary.patterns);
    expect(issue(event.issue.key).labels).toEqual([]);
    expect(decisions()).toEqual(['fields-and-summary-only', 'written']);
  });

  it('labels nothing when the admin turned labelling on create off', async () => {
    await setConfig({ autoLabelOnCreate: false });
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    await handle(event);
    expect(storedSummary(event.issue.key).patterns).toContain('webhook_issues');
    expect(issue(event.issue.key).labels).toEqual([]);
  });
});

describe('loops and irrelevant events', () => {
  it('does not analyse again after its own writes, even when Jira delivers them', async () => {
    const delivery = deliverEvents(jira.sim, handle, { ignoreSelf: false });
    await createIssue({ summary: 'Webhook signature verification fails', labels: ['customer-reported'] });
    await delivery.settle();
    delivery.stop();

    expect(delivery.delivered.map((event) => [event.eventType, event.selfGenerated])).toEqual([
      ['avi:jira:created:issue', false],
      ['avi:jira:updated:issue', true],
      ['avi:jira:updated:issue', true],
    ]);
    expect(appCalls().filter((call) => call.startsWith('GET /rest/api/3/issue/'))).toHaveLength(1);
    expect(decisions().sort()).toEqual(['skipped-self-generated', 'skipped-self-generated', 'written']);
  });

  it('makes no call for its own edits even if Jira did not mark them self-generated', async () => {
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    await handle(event);
    const ownEvents = jira.sim.events.emitted.filter((emitted) => emitted.selfGenerated);
    expect(ownEvents.length).toBeGreaterThan(0);
    jira.sim.calls.clear();
    for (const own of ownEvents) await handle({ ...own, selfGenerated: false });
    expect(jira.sim.calls.records).toEqual([]);
  });

  it('makes no call for an update that touches nothing it reads (a status change)', async () => {
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    const statusChange: JiraIssueEvent = {
      ...event,
      eventType: 'avi:jira:updated:issue',
      atlassianId: USERS.editor,
      changelog: { id: '30001', items: [{ field: 'status', fieldId: 'status', fieldtype: 'jira', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' }] },
    };
    jira.sim.calls.clear();
    await expect(handle(statusChange)).resolves.toBeUndefined();
    expect(jira.sim.calls.records).toEqual([]);
    expect(decisions()).toEqual(['skipped-irrelevant-change']);
  });

  it('makes no call for projects the admin did not enable, nor for a payload that is not an issue event', async () => {
    await setConfig({ enabledProjects: ['OPS'] });
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    jira.sim.calls.clear();
    await handle(event);
    await handle({ eventType: 'avi:jira:created:issue', issue: { key: 'PAY-1' } });
    expect(jira.sim.calls.records).toEqual([]);
    expect(decisions()).toEqual(['project-disabled', 'skipped-invalid-payload']);
    expect(issue(event.issue.key).properties.has(ISSUE_PROPERTY_KEY)).toBe(false);
  });
});

describe('an updated issue', () => {
  it('writes only what changed: a new pattern adds its label and the changed fields', async () => {
    await cacheFieldIds();
    const created = await createIssue({ summary: 'Webhook signature verification fails', labels: ['customer-reported'] });
    await handle(created);
    const before = storedSummary(created.issue.key);
    expect(before.patterns).not.toContain('monitoring_issues');

    await editor.editIssue(created.issue.key, {
      fields: { description: paragraph('Set up Datadog alerting and a dashboard to monitor failed deliveries; page on-call when the error rate exceeds 5%.') },
    });
    jira.sim.calls.clear();
    await handle(lastEvent(created.issue.key, 'avi:jira:updated:issue'));

    const after = storedSummary(created.issue.key);
    expect(after.patterns).toContain('monitoring_issues');
    const [read, ...writes] = jira.sim.calls.records;
    expect(read?.method).toBe('GET');
    const labelEdit = writes.find((call) => call.method === 'PUT');
    expect(labelEdit?.requestBody).toMatchObject({ update: { labels: [{ add: 'integration-monitoring' }] } });
    const fieldWrite = writes.find((call) => call.method === 'POST');
    const writtenFields = (fieldWrite?.requestBody as { updates: Array<{ customField: string }> }).updates.map((update) => update.customField);
    expect(writtenFields).toContain(PATTERNS_FIELD);
    if (after.complexity === before.complexity) expect(writtenFields).not.toContain(COMPLEXITY_FIELD);
    expect(issue(created.issue.key).labels).toEqual(expect.arrayContaining(['customer-reported', 'integration-webhook', 'integration-monitoring']));
  });

  it('makes no write when the edit leaves the result unchanged, and none for a duplicate or late event', async () => {
    const created = await createIssue({ summary: 'Webhook signature verification fails' });
    await handle(created);
    await editor.editIssue(created.issue.key, { fields: { description: paragraph('Seen on the checkout page since Monday.') } });
    const update = lastEvent(created.issue.key, 'avi:jira:updated:issue');
    jira.sim.calls.clear();

    await handle(update);
    await handle(update);
    await handle(created);

    expect(jira.sim.calls.records.map((call) => call.method)).toEqual(['GET', 'GET', 'GET']);
    expect(decisions().slice(-3)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('keeps its labels when a pattern disappears, unless told to remove its own; never removes a person’s', async () => {
    const created = await createIssue({ summary: 'Webhook signature verification fails', labels: ['integration-sync'] });
    await handle(created);
    const rewrite = async (summary: string) => {
      await editor.editIssue(created.issue.key, { fields: { summary } });
      await handle(lastEvent(created.issue.key, 'avi:jira:updated:issue'));
    };

    await rewrite('Refund button is misaligned on small screens');
    expect(storedSummary(created.issue.key).patterns).toEqual([]);
    expect(issue(created.issue.key).customValues.has(PATTERNS_FIELD)).toBe(false);
    expect(issue(created.issue.key).labels).toEqual(['integration-sync', 'integration-webhook']);

    await rewrite('Webhook signature verification fails again');
    await setConfig({ removeOwnLabels: true });
    await rewrite('Refund button is misaligned on large screens');
    expect(issue(created.issue.key).labels).toEqual(['integration-sync']);
    expect(storedSummary(created.issue.key).labelsAdded).toEqual([]);
  });

  it('does not re-add a label a person removed while the pattern stays detected', async () => {
    const created = await createIssue({ summary: 'Webhook signature verification fails' });
    await handle(created);
    await editor.editIssue(created.issue.key, { update: { labels: [{ remove: 'integration-webhook' }] } });
    const removal = lastEvent(created.issue.key, 'avi:jira:updated:issue');
    await editor.editIssue(created.issue.key, { fields: { summary: 'Webhook signature verification fails for EU accounts' } });
    jira.sim.calls.clear();
    await handle(removal);
    await handle(lastEvent(created.issue.key, 'avi:jira:updated:issue'));
    expect(jira.sim.calls.records.map((call) => call.method)).not.toContain('POST');
    expect(issue(created.issue.key).labels).toEqual([]);
  });

  it('keeps a label a person adds between its read and its write', async () => {
    const created = await createIssue({ summary: 'Webhook signature verification fails', labels: ['customer-reported'] });
    const restore = beforeForgeFetch(async (target, path, init) => {
      if (target.provider === 'app' && init.method === 'PUT' && path.startsWith(`/rest/api/3/issue/${created.issue.id}?`)) {
        // The handler has read the issue and is about to write its labels: a person adds one now.
        await jiraUser(() => jira.sim, USERS.editor).editIssue(created.issue.key, { update: { labels: [{ add: 'hotfix' }] } });
      }
    });
    try {
      await handle(created);
    } finally {
      restore();
    }
    expect(issue(created.issue.key).labels).toEqual(['customer-reported', 'hotfix', 'integration-webhook']);
  });
});

describe('Jira failures', () => {
  it('retries a 429 (after Retry-After) and a 503 within the invocation’s time', async () => {
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', principal: 'app', fault: { kind: 'rate-limit', retryAfterSeconds: 3 }, times: 1 });
    jira.sim.faults.add({ method: 'POST', path: '/rest/api/3/app/field/value', fault: { kind: 'server-error', status: 503 }, times: 1 });

    await expect(handle(event)).resolves.toBeUndefined();

    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3_000);
    expect(storedSummary(event.issue.key).patterns).toContain('webhook_issues');
  });

  it('returns an InvocationError with Retry-After when the wait outlasts the invocation, and writes nothing', async () => {
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', principal: 'app', fault: { kind: 'rate-limit', retryAfterSeconds: 60, reason: 'jira-quota-tenant-based' } });

    await expect(handle(event)).resolves.toEqual({ _retry: true, retryOptions: { retryAfter: 60, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' } });
    expect(clock.sleeps).toEqual([]);
    expect(issue(event.issue.key).properties.has(ISSUE_PROPERTY_KEY)).toBe(false);
    expect(decisions()).toEqual(['retry-later']);
  });

  it('returns an InvocationError when 503s last longer than the retries allow, and for a 500', async () => {
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    const outage = jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', principal: 'app', fault: { kind: 'server-error', status: 503 } });
    const retried = await handle(event);
    expect(retried).toMatchObject({ _retry: true, retryOptions: { retryReason: 'FUNCTION_RETRY_REQUEST' } });
    outage();

    jira.sim.faults.add({ method: 'PUT', path: '/rest/api/3/issue/*', principal: 'app', fault: { kind: 'server-error', status: 500 }, times: 1 });
    await expect(handle(event)).resolves.toEqual({ _retry: true, retryOptions: { retryAfter: SERVER_ERROR_RETRY_AFTER_SECONDS, retryReason: 'FUNCTION_RETRY_REQUEST' } });
    await expect(handle(event)).resolves.toBeUndefined();
    expect(storedSummary(event.issue.key).patterns).toContain('webhook_issues');
  });

  it('skips an issue it cannot read (404) with a log line, without a retry', async () => {
    const event = await createIssue({ summary: 'Webhook signature verification fails' });
    jira.sim.calls.clear();
    await expect(handle({ ...event, issue: { ...event.issue, id: '99999', key: 'PAY-999' } })).resolves.toBeUndefined();
    expect(jira.sim.calls.records.map((call) => call.status)).toEqual([404]);
    expect(logs.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'warn', event: 'issue-event', issueId: '99999', issueKey: 'PAY-999', decision: 'skipped-no-access', error: expect.objectContaining({ status: 404 }) }),
    ]);
  });
});

describe('logs', () => {
  it('are one JSON object per line, with ids, decisions and counts but no ticket text', async () => {
    const created = await createIssue({ summary: MDL_31410.summary, description: MDL_31410.description, labels: ['customer-reported'] });
    await handle(created);
    await editor.editIssue(created.issue.key, { fields: { summary: 'PayPal IPN callbacks time out after message_send() fails' } });
    await handle(lastEvent(created.issue.key, 'avi:jira:updated:issue'));

    const entries = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({ event: 'issue-event', issueKey: created.issue.key, decision: 'written', patterns: expect.any(Number), complexity: expect.any(Number) }),
      expect.objectContaining({ event: 'issue-event', issueKey: created.issue.key, decision: expect.any(String) }),
    ]);
    const text = logs.join('\n');
    for (const fragment of ['PayPal', 'IPN', 'message_send', 'enrol', 'customer-reported', 'integration-webhook', USERS.editor]) expect(text).not.toContain(fragment);
  });
});
