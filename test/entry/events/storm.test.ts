import { analyzeIssue } from '../../../src/analysis/analyze';
import { DEFAULT_ADMIN_CONFIG, toAnalysisConfig } from '../../../src/config/schema';
import { createIssueEventHandler } from '../../../src/entry/events/handler';
import { isPatternLabel, patternLabel } from '../../../src/issueSync/labels';
import { detectedPatterns, StoredSummarySchema } from '../../../src/issueSync/storedSummary';
import { ISSUE_PROPERTY_KEY } from '../../../src/moduleKeys';
import type { JiraIssueEvent } from '../../../sim/jira';
import { manifestJira } from '../../support/appManifest';
import { MIXED_SUMMARIES as SUMMARIES, paragraph, USERS } from '../../support/jiraFixtures';
import { jiraUser } from '../../../sim/jiraUser';
import { seededRandom } from '../../../sim/seededRandom';
import { simulatedClock } from '../../support/simulatedClock';
import { useSimulatedJira } from '../../support/simulatedJira';

/**
 * A storm: people create and edit issues while Jira delivers 1,000 events to the trigger at least
 * once, in any order, with duplicates, the app's own events included (as if `ignoreSelf` were
 * off), while 10% of the app's Jira calls answer 429 and 2% a 5xx. Handlers returning an
 * InvocationError get the event again, as the platform redelivers. Time is simulated: retries
 * and backoff cost no wall time. Afterwards every issue must hold exactly what an analysis of its
 * final text gives, every label a person set must be there, and the storm must end (no loop).
 */

const TARGET_DELIVERIES = 1_000;
const DUPLICATE_CHANCE = 0.15;
const BATCH_SIZE = 6;
const MAX_ISSUES = 60;
/** The platform retries an event whose handler returned an InvocationError up to 4 times. */
const PLATFORM_RETRIES = 4;
const USER_LABELS = ['customer-reported', 'hotfix', 'backend', 'needs-triage', 'p1'];
const STORY_POINTS = 'customfield_10042';

const DESCRIPTIONS = [
  'The webhook endpoint returns 504 after the API gateway timeout; retries pile up.',
  'Seen on the checkout page since Monday.',
  'The batch synchronization with the warehouse drops rows when two jobs overlap.',
  'Page on-call when the error rate exceeds 5% and add a dashboard for latency.',
  'OAuth token refresh against the partner API fails intermittently with 401.',
  'Copy change requested by marketing.',
];

const random = seededRandom(20260110);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const clock = simulatedClock();
const jira = useSimulatedJira(() => manifestJira({ now: clock.now, random: seededRandom(7) }));

type EventKind = 'created' | 'relevant update' | 'irrelevant update' | 'self-generated';

interface Pending {
  event: JiraIssueEvent;
  attempt: number;
  duplicate: boolean;
}

function kindOf(event: JiraIssueEvent): EventKind {
  if (event.selfGenerated) return 'self-generated';
  if (event.eventType === 'avi:jira:created:issue') return 'created';
  return event.changelog?.items.some((item) => item.fieldtype === 'jira') ? 'relevant update' : 'irrelevant update';
}

it('keeps every issue correct through 1,000 duplicated, reordered events with 429s and 5xx', async () => {
  const handle = createIssueEventHandler({ clock: clock.invocation });
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const errors: string[] = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(String(args[0])));

  const { sim } = jira;
  sim.faults.perIssueWriteLimit = true;
  sim.faults.add({ principal: 'app', fault: { kind: 'rate-limit', retryAfterSeconds: 2 }, probability: 0.1 });
  sim.faults.add({ principal: 'app', fault: { kind: 'server-error', status: 503 }, probability: 0.01 });
  sim.faults.add({ principal: 'app', fault: { kind: 'server-error', status: 500 }, probability: 0.01 });

  const editor = jiraUser(() => sim, USERS.editor);
  /** What people meant the labels to be; the app's labels are not part of it. */
  const userLabels = new Map<string, Set<string>>();
  const pending: Pending[] = [];
  sim.events.subscribe((event) => void pending.push({ event, attempt: 0, duplicate: false }));

  const callsByKind = new Map<EventKind, { deliveries: number; calls: number }>();
  let deliveries = 0;
  let duplicates = 0;
  let retries = 0;
  let lost = 0;

  async function asPerson(action: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await action();
      } catch (error) {
        // A person hitting Jira's per-issue write limit waits and tries again.
        if (!String(error).includes('answered 429')) throw error;
        clock.advance(2_000);
      }
    }
  }

  async function personActs(): Promise<void> {
    const keys = [...userLabels.keys()];
    if (keys.length < MAX_ISSUES && (keys.length < 5 || random() < 0.2)) {
      const labels = USER_LABELS.filter(() => random() < 0.3);
      const created = await editor.createIssue({
        project: { key: 'PAY' },
        issuetype: { name: 'Task' },
        summary: pick(SUMMARIES),
        ...(random() < 0.7 ? { description: paragraph(pick(DESCRIPTIONS)) } : {}),
        labels,
        ...(random() < 0.3 ? { components: [{ name: pick(['REST API', 'Webhooks']) }] } : {}),
      });
      userLabels.set(created.key, new Set(labels));
      return;
    }
    const key = pick(keys);
    const own = userLabels.get(key) as Set<string>;
    const choice = random();
    if (choice < 0.25) return asPerson(() => editor.editIssue(key, { fields: { summary: pick(SUMMARIES) } }));
    if (choice < 0.45) return asPerson(() => editor.editIssue(key, { fields: { description: paragraph(pick(DESCRIPTIONS)) } }));
    if (choice < 0.55) return asPerson(() => editor.editIssue(key, { fields: { components: random() < 0.5 ? [] : [{ name: pick(['REST API', 'Webhooks']) }] } }));
    if (choice < 0.8) return asPerson(() => editor.editIssue(key, { fields: { [STORY_POINTS]: Math.ceil(random() * 8) } }));
    const label = pick(USER_LABELS);
    if (own.has(label)) {
      await asPerson(() => editor.editIssue(key, { update: { labels: [{ remove: label }] } }));
      own.delete(label);
    } else {
      await asPerson(() => editor.editIssue(key, { update: { labels: [{ add: label }] } }));
      own.add(label);
    }
  }

  /** Takes up to BATCH_SIZE random pending events, at most one per issue (events for different issues run concurrently). */
  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const issues = new Set<string>();
    for (let tries = 0; tries < pending.length * 2 && batch.length < BATCH_SIZE && pending.length > 0; tries++) {
      const index = Math.floor(random() * pending.length);
      const candidate = pending[index] as Pending;
      if (issues.has(candidate.event.issue.id)) continue;
      pending.splice(index, 1);
      issues.add(candidate.event.issue.id);
      batch.push(candidate);
    }
    return batch;
  }

  async function deliver(item: Pending): Promise<void> {
    const before = sim.calls.count({ principal: 'app' });
    const result = await handle(item.event);
    deliveries += 1;
    const kind = kindOf(item.event);
    const tally = callsByKind.get(kind) ?? { deliveries: 0, calls: 0 };
    tally.deliveries += 1;
    tally.calls += sim.calls.count({ principal: 'app' }) - before;
    callsByKind.set(kind, tally);
    if (result) {
      if (item.attempt >= PLATFORM_RETRIES) lost += 1;
      else {
        retries += 1;
        pending.push({ ...item, attempt: item.attempt + 1, event: { ...item.event, retryContext: { retryCount: item.attempt + 1 } } as JiraIssueEvent });
      }
    } else if (!item.duplicate && random() < DUPLICATE_CHANCE) {
      duplicates += 1;
      pending.push({ ...item, duplicate: true });
    }
  }

  while (deliveries + pending.length < TARGET_DELIVERIES) {
    const batch = takeBatch();
    // People keep working while the batch is handled: edits can land between the app's read and write.
    await Promise.all([...batch.map(deliver), personActs()]);
    clock.advance(500);
  }
  while (pending.length > 0) {
    await Promise.all(takeBatch().map(deliver));
    clock.advance(500);
  }
  jest.restoreAllMocks();

  const perEvent = [...callsByKind].map(([kind, { deliveries: count, calls }]) => `  ${kind}: ${count} deliveries, ${(calls / count).toFixed(2)} Jira calls per event`);
  console.log(
    [
      `Storm: ${deliveries} deliveries (${duplicates} duplicates, ${retries} platform retries, ${lost} given up) for ${userLabels.size} issues`,
      ...perEvent,
      `  all: ${(sim.calls.count({ principal: 'app' }) / deliveries).toFixed(2)} Jira calls per event, ${sim.calls.filter({ principal: 'app' }).filter((call) => call.status === 429).length} answered 429`,
    ].join('\n'),
  );

  expect(deliveries).toBeGreaterThanOrEqual(TARGET_DELIVERIES);
  expect(lost).toBe(0);
  expect(errors).toEqual([]);
  expect(callsByKind.get('self-generated')?.calls).toBe(0);
  expect(callsByKind.get('irrelevant update')?.calls).toBe(0);

  const config = DEFAULT_ADMIN_CONFIG;
  for (const [key, labels] of userLabels) {
    const issue = sim.state.issue(key);
    if (!issue) throw new Error(`Lost issue ${key}`);
    const expected = analyzeIssue(
      {
        summary: issue.summary,
        ...(issue.description ? { description: issue.description } : {}),
        components: issue.components.map((component) => component.name),
        labels: issue.labels.filter((label) => !isPatternLabel(config.labelPrefix, label)),
      },
      toAnalysisConfig(config),
    );
    const patterns = detectedPatterns(expected);
    const stored = StoredSummarySchema.parse(issue.properties.get(ISSUE_PROPERTY_KEY));
    const appLabels = issue.labels.filter((label) => isPatternLabel(config.labelPrefix, label));

    expect({ key, patterns: stored.patterns, complexity: stored.complexity }).toEqual({ key, patterns, complexity: expected.complexity.score });
    expect({ key, field: issue.customValues.get('customfield_10040') ?? [] }).toEqual({ key, field: patterns });
    expect({ key, field: issue.customValues.get('customfield_10041') }).toEqual({ key, field: expected.complexity.score });
    expect({ key, labels: issue.labels.filter((label) => !isPatternLabel(config.labelPrefix, label)).sort() }).toEqual({ key, labels: [...labels].sort() });
    expect({ key, labels: appLabels }).toEqual({ key, labels: expect.arrayContaining(patterns.map((pattern) => patternLabel(config.labelPrefix, pattern))) });
    expect({ key, labelsAdded: stored.labelsAdded }).toEqual({ key, labelsAdded: [...appLabels].sort() });
  }
}, 120_000);
