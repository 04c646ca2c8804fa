import { JiraClient } from '../../src/jira/client';
import { RateLimitedError, JiraServerError } from '../../src/jira/errors';
import { PROPERTY_KEY, standardJira } from '../support/jiraFixtures';
import { useSimulatedJira } from '../support/simulatedJira';

/** The client's additions for the backfill: a page of issues with explicit fields and the property, and a client that leaves retrying to its caller. */
const jira = useSimulatedJira(() => standardJira());

function client(options: { maxRetries?: number } = {}) {
  const sleeps: number[] = [];
  return {
    sleeps,
    client: new JiraClient({ as: 'app', remainingTimeMs: () => 900_000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...options }),
  };
}

describe('searchIssues', () => {
  it('reads a page of issues like getIssue, with explicit fields and the stored property, and pages on', async () => {
    jira.sim.state.issue('PAY-2')?.properties.set(PROPERTY_KEY, { complexity: 3 });
    const { client: app } = client();
    const first = await app.searchIssues({ jql: 'project = PAY ORDER BY key ASC', maxResults: 1, propertyKey: PROPERTY_KEY });
    expect(first).toEqual({
      issues: [await app.getIssue('PAY-1', { propertyKey: PROPERTY_KEY })],
      isLast: false,
      nextPageToken: expect.any(String),
    });
    const second = await app.searchIssues({ jql: 'project = PAY ORDER BY key ASC', maxResults: 1, nextPageToken: first.nextPageToken, propertyKey: PROPERTY_KEY });
    expect(second).toEqual({ issues: [expect.objectContaining({ key: 'PAY-2', labels: ['ui'], description: null, property: { complexity: 3 } })], isLast: true });
    expect(jira.sim.calls.filter({ path: '/rest/api/3/search/jql' }).map((call) => call.requestBody)).toEqual([
      { jql: 'project = PAY ORDER BY key ASC', fields: ['summary', 'description', 'labels', 'components', 'project', 'updated'], maxResults: 1, properties: [PROPERTY_KEY] },
      { jql: 'project = PAY ORDER BY key ASC', fields: ['summary', 'description', 'labels', 'components', 'project', 'updated'], maxResults: 1, nextPageToken: first.nextPageToken, properties: [PROPERTY_KEY] },
    ]);
  });
});

describe('a client that never retries', () => {
  it('hands a 429 back at once with Jira’s own Retry-After and reason, and counts its requests', async () => {
    jira.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 1, reason: 'jira-burst-based' }, times: 1 });
    const { client: app, sleeps } = client({ maxRetries: 0 });
    const error = await app.approximateCount('project = PAY').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 1, reason: 'jira-burst-based' });
    expect(sleeps).toEqual([]);
    expect(await app.approximateCount('project = PAY')).toBe(2);
    expect(app.requestsSent).toBe(2);
  });

  it('hands a 503 without Retry-After back with the first backoff as the hint', async () => {
    jira.sim.faults.add({ fault: { kind: 'server-error', status: 503 }, times: 1 });
    const { client: app, sleeps } = client({ maxRetries: 0 });
    const error = await app.getIssue('PAY-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JiraServerError);
    expect(error).toMatchObject({ status: 503, retryAfterSeconds: 2 });
    expect(sleeps).toEqual([]);
  });

  it('keeps the retrying client’s hint, which includes its own backoff', async () => {
    jira.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 1, reason: 'jira-burst-based' } });
    const { client: app } = client({ maxRetries: 1 });
    await expect(app.approximateCount('project = PAY')).rejects.toMatchObject({ retryAfterSeconds: 4 });
    expect(app.requestsSent).toBe(2);
  });
});
