import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_ADMIN_CONFIG } from '../../src/config/schema';
import { loadConfig, saveConfig } from '../../src/config/store';
import { StoredSummarySchema } from '../../src/issueSync/storedSummary';
import { ISSUE_PROPERTY_KEY } from '../../src/moduleKeys';
import { axeViolations } from './support/axe';
import { useBackfillQueue } from './support/backfillQueue';
import type { HostedPage } from './support/forgeHost';
import { unreachableByKeyboard } from './support/keyboard';
import { SCREENSHOT_DIR } from './support/screenshots';
import { useBrowserSession, USERS } from './support/session';

const session = useBrowserSession();
const backfill = useBackfillQueue(session.jira);
const ADMIN_VIEWPORT = { width: 1200, height: 900 };

async function openAdmin(accountId: string = USERS.admin): Promise<HostedPage> {
  const hosted = await session.open('admin', { accountId, viewport: ADMIN_VIEWPORT });
  await hosted.page.locator('main, [role="alert"]').first().waitFor();
  return hosted;
}

async function saveAndConfirm(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save these settings?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
}

/** The resolver calls of the settings form; the backfill section asks for its status on its own. */
function settingsCalls(hosted: HostedPage): string[] {
  return hosted.invocations.map((call) => call.functionKey).filter((key) => key !== 'getBackfillStatus');
}

/** The configuration as the app reads it, through the real store and the simulated Forge KVS. */
async function storedConfig() {
  session.jira.runtime.actAsUser(undefined);
  return loadConfig();
}

test('shows the saved settings and that the app is enabled in every project', async () => {
  const { page } = await openAdmin();
  await expect(page.getByTestId('enabled-projects').textContent()).resolves.toBe('Enabled in all projects');
  await expect(page.getByLabel('Label prefix').inputValue()).resolves.toBe(DEFAULT_ADMIN_CONFIG.labelPrefix);
  await expect(page.getByLabel('Confidence threshold').inputValue()).resolves.toBe(String(DEFAULT_ADMIN_CONFIG.threshold));
  await expect(page.getByRole('button', { name: 'Save settings' }).isDisabled()).resolves.toBe(true);
  await page.getByTestId('backfill-section').waitFor();
});

test('values the resolver’s schema refuses are shown next to their fields, and nothing is saved', async () => {
  const hosted = await openAdmin();
  const { page } = hosted;
  await page.getByLabel('Label prefix').fill('integration radar-');
  await page.getByLabel('Enabled projects').fill('PAY, ops');
  await saveAndConfirm(page);

  await expect(page.getByTestId('error-labelPrefix').textContent()).resolves.toBe('Jira labels cannot contain spaces: remove the spaces from the label prefix.');
  await expect(page.getByTestId('error-enabledProjects').textContent()).resolves.toContain('Item 2: A project key starts with an uppercase letter');
  await expect(page.getByRole('alert').first().textContent()).resolves.toContain('2 settings need attention');
  await expect(page.getByLabel('Label prefix').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(settingsCalls(hosted)).toEqual(['getConfig', 'saveConfig']);
  await expect(storedConfig()).resolves.toEqual(DEFAULT_ADMIN_CONFIG);
});

test('saves only after confirmation, and shows the saved settings', async () => {
  const hosted = await openAdmin();
  const { page } = hosted;
  await page.getByLabel('Enabled projects').fill('PAY');
  await page.getByLabel('Confidence threshold').fill('0.6');
  await page.getByLabel('Data Synchronization').fill('ledger\nreconcil*');
  await page.getByLabel('Remove the app’s label when its pattern is no longer detected', { exact: false }).check();

  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('dialog', { name: 'Save these settings?' }).getByRole('button', { name: 'Cancel' }).click();
  expect(settingsCalls(hosted)).toEqual(['getConfig']);

  await saveAndConfirm(page);
  await page.getByText('Settings saved').waitFor();
  const expected = { ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'], threshold: 0.6, removeOwnLabels: true, extraKeywords: { sync_issues: ['ledger', 'reconcil*'] } };
  await expect(storedConfig()).resolves.toEqual(expected);
  await expect(page.getByTestId('enabled-projects').textContent()).resolves.toBe('Enabled in PAY');

  await page.reload();
  await expect(page.getByLabel('Data Synchronization').inputValue()).resolves.toBe('ledger\nreconcil*');
  await expect(page.getByLabel('Confidence threshold').inputValue()).resolves.toBe('0.6');
});

test('“try it” analyses pasted text with the settings as edited, without saving them', async () => {
  const hosted = await openAdmin();
  const { page } = hosted;
  await page.getByLabel('Summary').fill('Ledger totals differ between the shop and the warehouse');
  await page.getByRole('button', { name: 'Analyse with these settings' }).click();
  await page.getByText('No integration patterns detected').waitFor();

  await page.getByLabel('Data Synchronization').fill('ledger');
  await page.getByRole('button', { name: 'Analyse with these settings' }).click();
  const result = page.getByTestId('preview-result');
  await result.waitFor();
  await expect(result.getByRole('listitem').first().textContent()).resolves.toContain('Data Synchronization');

  expect(settingsCalls(hosted)).toEqual(['getConfig', 'previewAnalysis', 'previewAnalysis']);
  await expect(storedConfig()).resolves.toEqual(DEFAULT_ADMIN_CONFIG);
});

test('a user who is not a Jira administrator is told so and sees no settings', async () => {
  const { page } = await openAdmin(USERS.editor);
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Only Jira administrators can configure Integration Radar.');
  await expect(page.getByLabel('Label prefix').count()).resolves.toBe(0);
});

test('is accessible (axe, keyboard) and writes a screenshot', async () => {
  const { page } = await openAdmin();
  await page.getByRole('button', { name: 'Add a provider' }).click();
  await expect(axeViolations(page)).resolves.toEqual([]);
  await expect(unreachableByKeyboard(page)).resolves.toEqual([]);
  await page.getByRole('button', { name: /^Remove/ }).click();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin.png'), fullPage: true });
});

describe('analysing existing issues (backfill)', () => {
  const section = (page: Page) => page.getByTestId('backfill-section');
  const figure = (page: Page, name: string) => section(page).getByTestId(`backfill-${name}`).textContent();

  /** What the app stored on an issue: the issue property, its two fields and its labels. */
  function storedOn(key: string) {
    const issue = session.jira.sim.state.issue(key);
    if (!issue) throw new Error(`No issue ${key}`);
    const field = (name: string) => issue.customValues.get(session.jira.sim.state.customFieldByName(name)?.id ?? '');
    const property = issue.properties.get(ISSUE_PROPERTY_KEY);
    return { summary: property === undefined ? undefined : StoredSummarySchema.parse(property), patterns: field('Integration patterns'), complexity: field('Integration complexity'), labels: issue.labels };
  }

  async function startFromDialog(page: Page): Promise<void> {
    await section(page).getByRole('button', { name: 'Start backfill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start the backfill?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Start backfill' }).click();
    await section(page).getByTestId('backfill-progress').waitFor();
  }

  test('estimates an enabled project, starts after confirmation, and shows the run to 100 %; the issues get their fields and labels', async () => {
    session.jira.runtime.actAsUser(undefined);
    await saveConfig({ ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'] });
    const hosted = await openAdmin();
    const { page } = hosted;
    // The page asks for the progress every few seconds; the test moves its clock instead of waiting.
    await page.clock.install();

    await expect(section(page).getByLabel('PAY').isChecked()).resolves.toBe(true);
    await section(page).getByRole('button', { name: 'Estimate' }).click();
    const estimate = section(page).getByTestId('backfill-estimate');
    await estimate.waitFor();
    await expect(estimate.textContent()).resolves.toContain('About 3 issues');
    await expect(estimate.textContent()).resolves.toContain('project = "PAY"');
    expect(storedOn('PAY-1').summary).toBeUndefined();

    await section(page).getByLabel('Also add pattern labels', { exact: false }).check();
    await section(page).getByRole('button', { name: 'Start backfill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start the backfill?' });
    await expect(dialog.textContent()).resolves.toContain('about 3 issues');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(callCount(hosted, 'startBackfill')).toBe(0);
    await section(page).getByRole('button', { name: 'Start backfill…' }).click();
    await dialog.getByRole('button', { name: 'Start backfill' }).click();
    await section(page).getByTestId('backfill-progress').waitFor();
    expect(hosted.invocations.find((call) => call.functionKey === 'startBackfill')?.payload).toEqual({ scope: { kind: 'projects', projectKeys: ['PAY'] }, addLabels: true });

    await backfill.idle();
    await page.clock.fastForward(5_000);
    await section(page).getByText('Backfill completed').waitFor();
    const bar = section(page).getByRole('progressbar', { name: 'Backfill progress' });
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(figure(page, 'state')).resolves.toBe('Completed');
    await expect(figure(page, 'percent')).resolves.toBe('100% · 3 issues');
    await expect(Promise.all(['done', 'skipped', 'failed'].map((name) => figure(page, name)))).resolves.toEqual(['3', '0', '0']);
    await expect(figure(page, 'eta')).resolves.toBe('finished');

    const busy = storedOn('PAY-1');
    expect(busy.summary?.patterns).toEqual(expect.arrayContaining(['api_issues', 'webhook_issues', 'sync_issues']));
    expect(busy.patterns).toEqual(busy.summary?.patterns);
    expect(busy.complexity).toBe(busy.summary?.complexity);
    expect(busy.labels).toEqual(expect.arrayContaining(['integration-webhook', 'integration-api']));
    const plain = storedOn('PAY-2');
    expect(plain.summary?.patterns).toEqual([]);
    expect(plain.labels).toEqual(['ui']);
    expect(storedOn('PAY-3').labels).toEqual(expect.arrayContaining(['customer-reported', 'integration-webhook']));

    // Finished: polling stopped, and a new backfill can be started.
    const polls = callCount(hosted, 'getBackfillStatus');
    await page.clock.fastForward(30_000);
    expect(callCount(hosted, 'getBackfillStatus')).toBe(polls);
    await section(page).getByRole('button', { name: 'Start backfill…' }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-backfill.png'), fullPage: true });
  });

  test('pauses, resumes and, after confirmation, cancels a backfill before it wrote anything', async () => {
    const { page } = await openAdmin();
    backfill.hold();
    await section(page).getByLabel('Project keys').fill('PAY');
    await startFromDialog(page);
    await expect(figure(page, 'state')).resolves.toBe('Running');
    await expect(section(page).getByRole('progressbar', { name: 'Backfill progress' }).getAttribute('aria-valuenow')).resolves.toBe('0');
    await expect(section(page).getByRole('button', { name: 'Start backfill…' }).count()).resolves.toBe(0);

    await section(page).getByRole('button', { name: 'Pause' }).click();
    await section(page).getByRole('button', { name: 'Resume' }).waitFor();
    await expect(figure(page, 'state')).resolves.toBe('Paused');
    await expect(figure(page, 'eta')).resolves.toBe('paused');
    await expect(axeViolations(page)).resolves.toEqual([]);

    await section(page).getByRole('button', { name: 'Resume' }).click();
    await section(page).getByRole('button', { name: 'Pause' }).waitFor();
    await expect(figure(page, 'state')).resolves.toBe('Running');

    await section(page).getByRole('button', { name: 'Cancel backfill' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the backfill?' });
    await dialog.getByRole('button', { name: 'Keep it running' }).click();
    await expect(figure(page, 'state')).resolves.toBe('Running');
    await section(page).getByRole('button', { name: 'Cancel backfill' }).click();
    await dialog.getByRole('button', { name: 'Cancel backfill' }).click();
    await section(page).getByText('Backfill cancelled').waitFor();
    await expect(figure(page, 'state')).resolves.toBe('Cancelled');

    backfill.release();
    await backfill.idle();
    expect(['PAY-1', 'PAY-2', 'PAY-3'].map((key) => storedOn(key).summary)).toEqual([undefined, undefined, undefined]);
    await page.reload();
    await expect(figure(page, 'state')).resolves.toBe('Cancelled');
    await section(page).getByRole('button', { name: 'Start backfill…' }).waitFor();
  });

  test('says why a running backfill waits: Jira’s quota, until it resets', async () => {
    const { page } = await openAdmin();
    await page.clock.install();
    const sim = session.jira.sim;
    sim.faults.add({ principal: 'app', path: '/rest/api/3/search/jql', fault: { kind: 'rate-limit', reason: 'jira-quota-global-based', retryAfterSeconds: 15 }, times: 1 });
    await section(page).getByLabel('Project keys').fill('PAY');
    await startFromDialog(page);
    while (!sim.calls.filter({ principal: 'app', path: '/rest/api/3/search/jql' }).some((call) => call.status === 429)) await new Promise((resolve) => setTimeout(resolve, 50));

    await page.clock.fastForward(5_000);
    const waiting = section(page).getByRole('status').filter({ hasText: 'Waiting' });
    await waiting.waitFor();
    await expect(waiting.textContent()).resolves.toContain('Jira’s hourly rate limit is used up. The backfill waits and continues in less than a minute.');
    await expect(figure(page, 'state')).resolves.toBe('Running');

    await backfill.idle();
    await page.clock.fastForward(5_000);
    await section(page).getByText('Backfill completed').waitFor();
    await expect(waiting.count()).resolves.toBe(0);
  });

  test('a backfill that fails shows it, with the last errors and nothing of the tickets', async () => {
    const { page } = await openAdmin();
    await page.clock.install();
    session.jira.sim.faults.add({ principal: 'app', path: '/rest/api/3/search/jql', fault: { kind: 'answer', status: 400, body: { errorMessages: ['The value \'Secret roadmap\' does not exist.'], errors: {} } } });
    await section(page).getByLabel('Project keys').fill('PAY');
    await startFromDialog(page);
    await backfill.idle();
    await page.clock.fastForward(5_000);

    await section(page).getByText('The backfill failed').waitFor();
    await expect(figure(page, 'state')).resolves.toBe('Failed');
    const errors = section(page).getByRole('list', { name: 'Last errors' }).getByRole('listitem');
    await expect(errors.count()).resolves.toBe(1);
    await expect(errors.first().textContent()).resolves.toMatch(/searchIssues · HTTP 400Jira refused the search of this part of the backfill\.$/);
    await expect(section(page).textContent()).resolves.not.toContain('Secret roadmap');
    await section(page).getByRole('button', { name: 'Start backfill…' }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
  });

  test('the resolver’s refusals are shown next to the controls, and nothing starts', async () => {
    const hosted = await openAdmin();
    const { page } = hosted;
    await section(page).getByLabel('Project keys').fill('PAY, ops');
    await section(page).getByRole('button', { name: 'Estimate' }).click();
    const projectsError = section(page).getByTestId('error-backfill-projects');
    await expect(projectsError.textContent()).resolves.toContain('ops: A project key starts with an uppercase letter');
    await expect(section(page).getByLabel('Project keys').getAttribute('aria-invalid')).resolves.toBe('true');

    await section(page).getByLabel('Issues to analyse').selectOption('jql');
    await section(page).getByLabel('JQL query').fill('project = PAY ORDER BY created DESC');
    await section(page).getByRole('button', { name: 'Start backfill…' }).click();
    await expect(section(page).getByTestId('error-backfill-jql').textContent()).resolves.toBe('Leave out ORDER BY: the backfill goes through the issues in key order.');
    await expect(page.getByRole('dialog', { name: 'Start the backfill?' }).isVisible()).resolves.toBe(false);
    expect(callCount(hosted, 'startBackfill')).toBe(0);
    await expect(axeViolations(page)).resolves.toEqual([]);
  });
});

function callCount(hosted: HostedPage, functionKey: string): number {
  return hosted.invocations.filter((call) => call.functionKey === functionKey).length;
}
