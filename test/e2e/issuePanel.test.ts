import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { XRAY_CSV_HEADER } from '../../src/analysis/export';
import type { ExportsView, IssueAnalysisView, ReanalyzeView, ResolverResult } from '../../src/contract';
import { createIssueEventHandler } from '../../src/entry/events/handler';
import { paragraph } from '../support/jiraFixtures';
import { jiraUser } from '../../sim/jiraUser';
import { axeViolations } from './support/axe';
import type { HostedPage } from './support/forgeHost';
import { unreachableByKeyboard } from './support/keyboard';
import { SCREENSHOT_DIR } from './support/screenshots';
import { BUSY_INTEGRATION_ISSUE, useBrowserSession, USERS } from './support/session';

const session = useBrowserSession();

/** What the page was given: the answer of the last `invoke` of `functionKey`. */
function answerOf<T>(hosted: HostedPage, functionKey: string): T {
  const invocation = hosted.invocations.filter((call) => call.functionKey === functionKey).at(-1);
  const result = invocation?.result as ResolverResult<T> | undefined;
  if (!result?.ok) throw new Error(`${functionKey} did not answer with data: ${JSON.stringify(result)}`);
  return result.data;
}

async function openPanel(issueKey: string, accountId: string = USERS.editor, colorMode: 'light' | 'dark' = 'light'): Promise<HostedPage> {
  const hosted = await session.open('issue-panel', { accountId, issueKey, colorMode });
  await hosted.page.locator('main, [role="alert"]').first().waitFor();
  return hosted;
}

async function caseIds(page: Page): Promise<string[]> {
  return page.getByTestId('test-case').locator('code').allTextContents();
}

test('shows the patterns with their evidence highlighted, the complexity and its factors, and the test cases P0 first', async () => {
  const hosted = await openPanel('PAY-1');
  const { page } = hosted;
  const { analysis } = answerOf<IssueAnalysisView>(hosted, 'getAnalysis');
  expect(analysis.testPlan.cases.length).toBeGreaterThanOrEqual(60);

  const patterns = page.getByTestId('pattern');
  await expect(patterns.locator('h3').allTextContents()).resolves.toEqual(analysis.patterns.map((pattern) => pattern.name));
  await expect(patterns.first().textContent()).resolves.toContain(`${Math.floor(analysis.patterns[0]!.confidence * 100)}% confidence`);

  const firstPattern = analysis.patterns[0]!;
  await patterns.first().locator('summary').click();
  // One snippet per place in the ticket, however many catalog terms matched there.
  const places = [...new Map(firstPattern.evidence.map((evidence) => [`${evidence.field}:${evidence.offset}:${evidence.phrase}`, evidence])).values()];
  expect(places.length).toBeLessThan(firstPattern.evidence.length);
  const highlighted = await patterns.first().locator('mark').allTextContents();
  expect(highlighted).toEqual(places.map((evidence) => evidence.phrase.replace(/\s+/g, ' ').trim()));
  const ticketText = `${BUSY_INTEGRATION_ISSUE.summary}\n${BUSY_INTEGRATION_ISSUE.description}\n${BUSY_INTEGRATION_ISSUE.components.join('\n')}`.toLowerCase();
  for (const phrase of highlighted) expect(ticketText).toContain(phrase.toLowerCase());

  await expect(page.getByTestId('complexity-score').textContent()).resolves.toBe(`${analysis.complexity.score}/10`);
  const factors = page.getByTestId('complexity-factor');
  await expect(factors.count()).resolves.toBe(analysis.complexity.factors.length);
  await expect(factors.first().textContent()).resolves.toContain(analysis.complexity.factors[0]!.reason);

  const rows = page.getByTestId('test-case');
  await expect(rows.count()).resolves.toBe(analysis.testPlan.cases.length);
  const priorities = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-priority')));
  expect(priorities).toEqual([...priorities].sort());
  expect(priorities[0]).toBe('P0');
  expect(new Set(await caseIds(page))).toEqual(new Set(analysis.testPlan.cases.map((testCase) => testCase.id)));

  const sectionHeadings = await page.locator('[data-testid="case-list"] h4').allTextContents();
  expect(sectionHeadings).toEqual(expect.arrayContaining(['Webhook security checklist', 'API documentation checklist', 'SendGrid checklist', 'Twilio checklist']));
  const guidance = await page.getByTestId('guidance').locator('h3').allTextContents();
  expect(guidance).toEqual([...analysis.testPlan.environments, ...analysis.testPlan.mockServices].map((checklist) => checklist.title));
});

test('filters the test cases by priority, pattern and text', async () => {
  const hosted = await openPanel('PAY-1');
  const { page } = hosted;
  const { cases } = answerOf<IssueAnalysisView>(hosted, 'getAnalysis').analysis.testPlan;
  const count = page.getByTestId('case-count');

  await page.getByRole('group', { name: 'Priority' }).getByRole('button', { name: 'P1' }).click();
  await expect(caseIds(page)).resolves.toEqual(cases.filter((testCase) => testCase.priority === 'P1').map((testCase) => testCase.id));
  await expect(count.textContent()).resolves.toBe(`Showing ${cases.filter((testCase) => testCase.priority === 'P1').length} of ${cases.length} cases`);

  await page.getByRole('group', { name: 'Priority' }).getByRole('button', { name: 'All priorities' }).click();
  await page.getByLabel('Pattern', { exact: true }).selectOption({ label: 'Webhook Integration' });
  await expect(caseIds(page)).resolves.toEqual(cases.filter((testCase) => testCase.pattern === 'webhook_issues').map((testCase) => testCase.id));

  await page.getByLabel('Pattern', { exact: true }).selectOption({ label: 'Provider checklists' });
  await expect(caseIds(page)).resolves.toEqual(cases.filter((testCase) => testCase.pattern === null).map((testCase) => testCase.id));

  await page.getByLabel('Pattern', { exact: true }).selectOption({ label: 'All patterns' });
  await page.getByLabel('Search test cases').fill('signature');
  await page.getByText(/^Showing \d+ of/).waitFor();
  const found = cases.filter((testCase) => `${testCase.title} ${testCase.category} ${testCase.id}`.toLowerCase().includes('signature'));
  expect(found.length).toBeGreaterThan(0);
  await expect(caseIds(page)).resolves.toEqual(found.map((testCase) => testCase.id));

  await page.getByLabel('Search test cases').fill('no case says this');
  await page.getByText('No test case matches these filters.').waitFor();
});

test('exports: copies the Markdown and downloads the Gherkin feature and the Xray CSV the resolver generated', async () => {
  const hosted = await openPanel('PAY-1');
  const { page } = hosted;
  const { analysis } = answerOf<IssueAnalysisView>(hosted, 'getAnalysis');

  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByText('Markdown copied to the clipboard').waitFor();
  // Asked for once, in the background after the first render; the first answer does not carry them.
  expect(hosted.invocations.map((call) => call.functionKey)).toEqual(['getAnalysis', 'getExports']);
  const exports = answerOf<ExportsView>(hosted, 'getExports');
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(exports.markdown);
  expect(exports.markdown).toContain('# Integration test plan for PAY-1');

  const [feature] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .feature' }).click()]);
  expect(feature.suggestedFilename()).toBe('PAY-1-integration-tests.feature');
  const gherkin = fs.readFileSync((await feature.path())!, 'utf8');
  expect(gherkin).toBe(exports.gherkin);
  expect(gherkin.split('\n')[0]).toBe('@integration-radar @PAY-1');
  expect(gherkin.match(/^ {2}Scenario: /gm)).toHaveLength(analysis.testPlan.cases.length);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Xray CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('PAY-1-xray-tests.csv');
  const xray = fs.readFileSync((await csv.path())!, 'utf8');
  expect(xray).toBe(exports.xrayCsv);
  expect(xray.split('\r\n')[0]).toBe(XRAY_CSV_HEADER.join(';'));
});

/** Holds the page's getExports calls until the test releases them (`window.__releaseExports()`), to see the panel while they run. */
const HOLD_EXPORTS = `(() => {
  const bridge = window.__bridge;
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  window.__releaseExports = () => release();
  window.__bridge = { callBridge: async (command, payload) => {
    if (command === 'invoke' && payload.functionKey === 'getExports') await released;
    return bridge.callBridge(command, payload);
  } };
})();`;

test('exports: a click before they are in says so and acts when they come; a failure says why, and the next click asks again', async () => {
  const hosted = await session.open('issue-panel', { accountId: USERS.editor, issueKey: 'PAY-1', initScript: HOLD_EXPORTS });
  const { page } = hosted;
  await page.getByTestId('case-list').waitFor();

  const refuse = session.jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', fault: { kind: 'rate-limit', retryAfterSeconds: 120 } });
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByText('Preparing the export…').waitFor();
  await expect(page.getByRole('group', { name: 'Export test cases' }).getAttribute('aria-busy')).resolves.toBe('true');
  await page.evaluate(() => (window as unknown as { __releaseExports: () => void }).__releaseExports());
  const failed = page.getByRole('alert').filter({ hasText: 'The exports could not be prepared: jira is unavailable' });
  await failed.waitFor();
  await expect(failed.textContent()).resolves.toContain('Jira is busy right now. Try again shortly. Try again in 120 s.');
  await expect(page.getByText('Markdown copied to the clipboard').count()).resolves.toBe(0);

  refuse();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByText('Markdown copied to the clipboard').waitFor();
  await expect(failed.count()).resolves.toBe(0);
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(answerOf<ExportsView>(hosted, 'getExports').markdown);
});

test('exports: when the issue changed since the analysis shown, offers no file of the new plan and asks for a re-analysis', async () => {
  const editor = jiraUser(() => session.jira.sim, USERS.editor);
  const created = await editor.createIssue({
    project: { key: 'PAY' },
    issuetype: { name: 'Task' },
    summary: 'Partner webhook callbacks time out',
    description: paragraph('Partner webhook deliveries to our REST endpoint time out after 30 seconds.'),
  });
  const hosted = await session.open('issue-panel', { accountId: USERS.editor, issueKey: created.key, initScript: HOLD_EXPORTS });
  const { page } = hosted;
  await page.getByTestId('case-list').waitFor();
  const shown = answerOf<IssueAnalysisView>(hosted, 'getAnalysis').analysis;

  // Someone edits the issue between the panel's two calls.
  await editor.editIssue(created.key, {
    fields: { description: paragraph('The nightly Salesforce sync leaves orders out of sync between the two systems.') },
  });
  await page.evaluate(() => (window as unknown as { __releaseExports: () => void }).__releaseExports());
  const changed = page.getByRole('status').filter({ hasText: 'The issue has changed since this analysis' });
  await changed.waitFor();
  expect(answerOf<ExportsView>(hosted, 'getExports').textHash).not.toBe(shown.textHash);
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Markdown copied to the clipboard').count()).resolves.toBe(0);
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe('untouched');

  await page.getByRole('button', { name: 'Re-analyse' }).click();
  await page.getByText('Re-analysed', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByText('Markdown copied to the clipboard').waitFor();
  await expect(changed.count()).resolves.toBe(0);
  const exports = answerOf<ExportsView>(hosted, 'getExports');
  expect(exports.textHash).toBe(answerOf<ReanalyzeView>(hosted, 'reanalyze').analysis.textHash);
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(exports.markdown);
});

test('re-analyses after the issue is edited in Jira: shows progress, then the new result, and writes it to the issue', async () => {
  const hosted = await openPanel('PAY-3');
  const { page } = hosted;
  const before = answerOf<IssueAnalysisView>(hosted, 'getAnalysis').analysis;
  expect(before.patterns.map((pattern) => pattern.id)).not.toContain('sync_issues');

  await jiraUser(() => session.jira.sim, USERS.editor).editIssue('PAY-3', {
    fields: { description: paragraph('Partner webhook deliveries time out, and the nightly Salesforce sync then leaves orders out of sync.') },
  });
  // Jira answers slowly for a moment, so the progress shows before the result replaces it.
  session.jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', fault: { kind: 'delay', ms: 750 }, times: 1 });
  await page.getByRole('button', { name: 'Re-analyse' }).click();
  await page.getByRole('progressbar', { name: 'Re-analysing PAY-3' }).waitFor();
  await page.getByText('Re-analysed', { exact: true }).waitFor();

  const after = answerOf<ReanalyzeView>(hosted, 'reanalyze');
  expect(after.decision).toBe('written');
  expect(after.analysis.patterns.map((pattern) => pattern.id)).toContain('sync_issues');
  await expect(page.getByTestId('pattern').locator('h3').allTextContents()).resolves.toEqual(after.analysis.patterns.map((pattern) => pattern.name));
  await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
  // The exports follow the new analysis: asked for again, and what is copied is the new plan.
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByText('Markdown copied to the clipboard').waitFor();
  expect(hosted.invocations.map((call) => call.functionKey)).toEqual(['getAnalysis', 'getExports', 'reanalyze', 'getExports']);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(answerOf<ExportsView>(hosted, 'getExports').markdown);
  expect(copied).toContain(after.analysis.patterns.find((pattern) => pattern.id === 'sync_issues')!.name);

  const issue = session.jira.sim.state.issue('PAY-3')!;
  const patternsField = session.jira.sim.state.customFieldByName('Integration patterns')!;
  expect(new Set(issue.customValues.get(patternsField.id) as string[])).toEqual(new Set(after.analysis.patterns.map((pattern) => pattern.id)));
  expect(issue.labels).toEqual(expect.arrayContaining(['customer-reported', 'integration-sync', 'integration-webhook']));
});

test('a reader without Edit permission sees why re-analysis was refused, and keeps the analysis', async () => {
  const { page } = await openPanel('PAY-1', USERS.reader);
  await page.getByRole('button', { name: 'Re-analyse' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('You need the Edit issues permission to analyse this issue again.');
  await expect(page.getByTestId('pattern').count()).resolves.toBeGreaterThan(0);
});

test('a just-created issue shows the analysis as pending until the app has saved it', async () => {
  const created = await jiraUser(() => session.jira.sim, USERS.editor).createIssue({
    project: { key: 'PAY' },
    issuetype: { name: 'Task' },
    summary: 'Webhook signature validation fails for partner callbacks',
    description: paragraph('The HMAC signature of partner webhook callbacks does not match.'),
  });
  const pending = await openPanel(created.key);
  await pending.page.getByText('Analysis pending').waitFor();
  await expect(pending.page.getByTestId('pattern').count()).resolves.toBeGreaterThan(0);

  // The platform delivers the created event late: the trigger saves the analysis, and the panel no longer says pending.
  const createdEvent = session.jira.sim.events.emitted.find((event) => event.eventType === 'avi:jira:created:issue' && event.issue.key === created.key);
  await createIssueEventHandler()(createdEvent);
  await pending.page.reload();
  await pending.page.getByTestId('case-list').waitFor();
  await expect(pending.page.getByText('Analysis pending').count()).resolves.toBe(0);
  const stored = answerOf<IssueAnalysisView>(pending, 'getAnalysis').stored;
  expect(stored?.upToDate).toBe(true);
});

test('shows a loading skeleton until the analysis arrives', async () => {
  session.jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', fault: { kind: 'delay', ms: 1500 }, times: 1 });
  const { page } = await session.open('issue-panel', { accountId: USERS.editor, issueKey: 'PAY-1' });
  await expect(page.getByTestId('skeleton').getAttribute('aria-busy')).resolves.toBe('true');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the integration analysis…' }).count()).resolves.toBe(1);
  await page.getByTestId('case-list').waitFor();
  await expect(page.getByTestId('skeleton').count()).resolves.toBe(0);
});

test('says when no integration pattern was detected, and what was analysed', async () => {
  const hosted = await openPanel('PAY-2');
  const { analysis } = answerOf<IssueAnalysisView>(hosted, 'getAnalysis');
  const message = hosted.page.getByRole('status').filter({ hasText: 'No integration patterns detected' });
  await expect(message.textContent()).resolves.toContain(`Analysed ${analysis.analysedChars} characters of PAY-2’s summary, description, components and labels`);
  await expect(hosted.page.getByTestId('test-case').count()).resolves.toBe(0);
  await expect(hosted.page.getByRole('button', { name: 'Download .feature' }).count()).resolves.toBe(0);
});

test('errors say why and offer a retry: no permission to browse, Jira unavailable', async () => {
  const outsider = await openPanel('PAY-1', USERS.outsider);
  await expect(outsider.page.getByRole('alert').textContent()).resolves.toContain('Issue not found');
  expect(JSON.stringify(outsider.invocations[0]!.result)).not.toContain(BUSY_INTEGRATION_ISSUE.summary);

  session.jira.sim.faults.add({ method: 'GET', path: '/rest/api/3/issue/*', fault: { kind: 'server-error', status: 503, retryAfterSeconds: 120 }, times: 1 });
  const { page } = await openPanel('PAY-1');
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Jira is unavailable');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByTestId('case-list').waitFor();
});

test.each(['light', 'dark'] as const)('follows Jira’s %s theme, writes a screenshot, and has no axe violations', async (colorMode) => {
  const { page } = await openPanel('PAY-1', USERS.editor, colorMode);
  await expect(page.evaluate(() => document.documentElement.dataset.colorMode)).resolves.toBe(colorMode);
  // The surface token of @atlaskit/tokens' theme: #FFFFFF in light, #1F1F21 in dark.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe(colorMode === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
  await page.setViewportSize({ width: 900, height: 1400 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `issue-panel-${colorMode}.png`) });

  for (const summary of await page.locator('summary').all()) await summary.click();
  await expect(page.getByTestId('evidence').count()).resolves.toBeGreaterThan(0);
  await expect(axeViolations(page)).resolves.toEqual([]);
});

test('every control is reachable with the keyboard, and a filter works from the keyboard alone', async () => {
  const { page } = await openPanel('PAY-1');
  await expect(unreachableByKeyboard(page)).resolves.toEqual([]);
  await page.getByRole('group', { name: 'Priority' }).getByRole('button', { name: 'P0' }).focus();
  await page.keyboard.press('Enter');
  const priorities = await page.getByTestId('test-case').evaluateAll((elements) => [...new Set(elements.map((element) => element.getAttribute('data-priority')))]);
  expect(priorities).toEqual(['P0']);
});
