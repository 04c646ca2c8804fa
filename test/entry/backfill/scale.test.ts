import { analyzeIssue } from '../../../src/analysis/analyze';
import type { Analysis } from '../../../src/analysis/types';
import { DEFAULT_ADMIN_CONFIG, toAnalysisConfig } from '../../../src/config/schema';
import { isPatternLabel, patternLabel } from '../../../src/issueSync/labels';
import { detectedPatterns, StoredSummarySchema } from '../../../src/issueSync/storedSummary';
import { ISSUE_PROPERTY_KEY } from '../../../src/moduleKeys';
import { seededRandom } from '../../../sim/seededRandom';
import { sampleTickets, siteIssues, siteProjects, type SiteIssue } from '../../../sim/backfillSite';
import type { IssueSeed } from '../../../sim/jira';
import { manifestJira } from '../../support/appManifest';
import { startBackfillRun, type BackfillRun } from '../../support/backfillRun';
import { beforeForgeFetch } from '../../support/forgeFetchHook';
import { summaryOf } from '../../support/storedSummaries';

/**
 * The backfill at scale: 10,000 issues in five projects, analysed through the queue consumer on
 * the in-process queue (at least once, unordered, 5% of events delivered twice), while 5% of the
 * app's Jira calls answer 429 (quota, burst and per-issue reasons mixed) and 1% a 5xx, one
 * invocation crashes half-way through a page, and chains run out of queue pushes and wait for the
 * relay. Afterwards every issue must hold exactly what one analysis of it gives, no issue may be
 * missing, no label may be added twice, every person's label must be there and the progress must
 * read 100%. Time is simulated: waits cost no wall time.
 */
const ISSUES = 10_000;
const PRE_ANALYSED_SHARE = 0.1;
const STALE_SHARE = 0.05;
/** Small, so chains run dry and the relay has to continue them. */
const PUSH_BUDGET = 100;
const CRASH_AT_DELIVERY = 60;
const CONFIG = DEFAULT_ADMIN_CONFIG;
const PATTERNS_FIELD = 'customfield_10040';
const COMPLEXITY_FIELD = 'customfield_10041';

let run: BackfillRun;
afterEach(async () => {
  jest.restoreAllMocks();
  await run?.close();
});

function analysisOf(seed: Pick<IssueSeed, 'summary' | 'description' | 'components' | 'labels'>): Analysis {
  return analyzeIssue(
    {
      summary: seed.summary,
      ...(seed.description ? { description: seed.description } : {}),
      components: seed.components ?? [],
      labels: (seed.labels ?? []).filter((label) => !isPatternLabel(CONFIG.labelPrefix, label)),
    },
    toAnalysisConfig(CONFIG),
  );
}

/** Some issues were analysed before (by the trigger), some carry an outdated summary, some a pattern label a person set. */
function prepare(site: SiteIssue[], random: () => number): { seeds: IssueSeed[]; preAnalysed: Set<number> } {
  const preAnalysed = new Set<number>();
  const seeds = site.map(({ seed }, index) => {
    const roll = random();
    if (roll < PRE_ANALYSED_SHARE) {
      preAnalysed.add(index);
      const analysis = analysisOf(seed);
      const patterns = detectedPatterns(analysis);
      return {
        ...seed,
        properties: { [ISSUE_PROPERTY_KEY]: summaryOf(analysis) },
        customFields: { 'Integration complexity': analysis.complexity.score, ...(patterns.length > 0 ? { 'Integration patterns': patterns } : {}) },
      };
    }
    if (roll < PRE_ANALYSED_SHARE + STALE_SHARE) {
      // What an older analysis found and wrote: nothing detected, the highest complexity.
      return { ...seed, properties: { [ISSUE_PROPERTY_KEY]: summaryOf(analysisOf(seed), { textHash: 'outdated', patterns: [], complexity: 10, topConfidence: 0 }) }, customFields: { 'Integration complexity': 10 } };
    }
    if (roll < PRE_ANALYSED_SHARE + STALE_SHARE + 0.03) return { ...seed, labels: [...(seed.labels ?? []), patternLabel(CONFIG.labelPrefix, 'api_issues')] };
    return seed;
  });
  return { seeds, preAnalysed };
}

it('analyses 10,000 issues exactly once each through 429s, 5xx, redeliveries, a crash and relays', async () => {
  const started = Date.now();
  for (const method of ['info', 'warn'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
  const errors: string[] = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(String(args[0])));

  const random = seededRandom(20260202);
  const tickets = sampleTickets();
  const { seeds, preAnalysed } = prepare(siteIssues(ISSUES, random, tickets), random);
  let deliveries = 0;
  let crashes = 0;
  run = await startBackfillRun({
    jira: manifestJira({ projects: siteProjects(tickets), issues: seeds, users: manifestJira().users, random: seededRandom(7) }),
    redeliverFraction: 0.05,
    random: seededRandom(11),
    pushBudget: PUSH_BUDGET,
    consumer: { random: seededRandom(13) },
    // One invocation dies half-way through its page: after some of its writes, before its checkpoint.
    wrapConsumer: (consumer) => async (event) => {
      deliveries += 1;
      if (deliveries < CRASH_AT_DELIVERY || crashes > 0) return consumer(event);
      let edits = 0;
      const restore = beforeForgeFetch(async (_target, path, init) => {
        if (init.method === 'PUT' && path.startsWith('/rest/api/3/issue/') && ++edits === 3) {
          crashes += 1;
          throw Object.assign(new Error('The invocation was killed'), { name: 'InvocationCrash' });
        }
      });
      try {
        return await consumer(event);
      } finally {
        restore();
      }
    },
  });
  const { sim } = run;
  sim.faults.perIssueWriteLimit = true;
  const app = { principal: 'app' as const };
  const writes = /^\/rest\/api\/3\/(issue\/\d+|app\/field\/value)$/;
  sim.faults.add({ ...app, probability: 0.0025, fault: { kind: 'rate-limit', reason: 'jira-quota-global-based', retryAfterSeconds: 120 } });
  sim.faults.add({ ...app, probability: 0.0025, fault: { kind: 'rate-limit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 60 } });
  sim.faults.add({ ...app, probability: 0.005, fault: { kind: 'rate-limit', reason: 'jira-burst-based', retryAfterSeconds: 1 } });
  sim.faults.add({ ...app, path: writes, probability: 0.05, fault: { kind: 'rate-limit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 2 } });
  sim.faults.add({ ...app, probability: 0.005, fault: { kind: 'server-error', status: 500 } });
  sim.faults.add({ ...app, probability: 0.005, fault: { kind: 'server-error', status: 503, retryAfterSeconds: 2 } });

  await run.start({ scope: { kind: 'projects', projectKeys: ['SHOP', 'DATA', 'OPS', 'WEB', 'MOB'] }, addLabels: true });
  const { status, relays } = await run.runToEnd(200);

  const appCalls = sim.calls.filter(app);
  const answered = (status: number) => appCalls.filter((call) => call.status === status).length;
  const redelivered = run.queue.deliveries.filter((delivery) => delivery.redelivery).length;
  console.log(
    [
      `Backfill of ${ISSUES} issues: ${status.done} written, ${status.skipped} skipped, ${status.failed} failed; ${((appCalls.length / ISSUES) * 1000).toFixed(0)} Jira calls per 1,000 issues`,
      `  ${appCalls.length} app calls (${answered(429)} = ${((100 * answered(429)) / appCalls.length).toFixed(1)}% answered 429, ${appCalls.filter((call) => call.status >= 500).length} a 5xx), ${run.queue.deliveries.length} deliveries (${redelivered} redelivered), ${relays} relays, ${crashes} crash`,
      `  simulated ${((run.queue.now() - Date.parse(status.startedAt)) / 60_000).toFixed(0)} min at ${status.ratePerMinute} issues/min; wall ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );

  expect(crashes).toBe(1);
  expect(run.queue.deliveries.filter((delivery) => delivery.outcome === 'failed').map((delivery) => delivery.error)).toEqual(['The invocation was killed']);
  expect(errors.filter((line) => !line.includes('InvocationCrash'))).toEqual([]);
  expect(relays).toBeGreaterThan(0);
  expect(Math.max(...run.queue.pushesPerInitialInvocation())).toBeLessThanOrEqual(PUSH_BUDGET);
  expect(status).toMatchObject({ state: 'completed', percent: 100, processed: ISSUES, failed: 0, lastErrors: [] });
  expect(status.skipped).toBeGreaterThanOrEqual(preAnalysed.size);

  const labelAdds = new Map<string, number>();
  for (const call of sim.calls.filter({ ...app, method: 'PUT', path: '/rest/api/3/issue/*' }).filter((record) => record.status === 204)) {
    const operations = (call.requestBody as { update?: { labels?: Array<{ add?: string }> } }).update?.labels ?? [];
    for (const { add } of operations) if (add) labelAdds.set(`${call.path} ${add}`, (labelAdds.get(`${call.path} ${add}`) ?? 0) + 1);
  }
  expect([...labelAdds].filter(([, count]) => count > 1)).toEqual([]);

  const issues = [...sim.state.issues.values()];
  expect(issues).toHaveLength(ISSUES);
  const mismatches: string[] = [];
  issues.forEach((issue, index) => {
    const seed = seeds[index] as IssueSeed;
    const expected = analysisOf({ summary: issue.summary, description: issue.description, components: issue.components.map((c) => c.name), labels: issue.labels });
    const patterns = detectedPatterns(expected);
    const stored = StoredSummarySchema.parse(issue.properties.get(ISSUE_PROPERTY_KEY));
    const appLabels = issue.labels.filter((label) => isPatternLabel(CONFIG.labelPrefix, label));
    const labelled = !preAnalysed.has(index) && issue.key.split('-')[0] !== 'OPS';
    const actual = {
      hash: stored.textHash,
      version: stored.version,
      patterns: stored.patterns,
      complexity: stored.complexity,
      fields: [issue.customValues.get(PATTERNS_FIELD) ?? [], issue.customValues.get(COMPLEXITY_FIELD)],
      personLabels: issue.labels.filter((label) => !isPatternLabel(CONFIG.labelPrefix, label)),
      unique: new Set(issue.labels).size === issue.labels.length,
      missingLabels: labelled ? patterns.map((pattern) => patternLabel(CONFIG.labelPrefix, pattern)).filter((label) => !appLabels.includes(label)) : [],
    };
    const wanted = {
      hash: expected.textHash,
      version: expected.version,
      patterns,
      complexity: expected.complexity.score,
      fields: [patterns, expected.complexity.score],
      personLabels: (seed.labels ?? []).filter((label) => !isPatternLabel(CONFIG.labelPrefix, label)),
      unique: true,
      missingLabels: [],
    };
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) mismatches.push(`${issue.key}: ${JSON.stringify(actual)} != ${JSON.stringify(wanted)}`);
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
}, 120_000);
