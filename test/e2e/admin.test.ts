import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_ADMIN_CONFIG } from '../../src/config/schema';
import { loadConfig } from '../../src/config/store';
import { axeViolations } from './support/axe';
import type { HostedPage } from './support/forgeHost';
import { unreachableByKeyboard } from './support/keyboard';
import { SCREENSHOT_DIR } from './support/screenshots';
import { useBrowserSession, USERS } from './support/session';

const session = useBrowserSession();
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
  expect(hosted.invocations.map((call) => call.functionKey)).toEqual(['getConfig', 'saveConfig']);
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
  expect(hosted.invocations.map((call) => call.functionKey)).toEqual(['getConfig']);

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

  expect(hosted.invocations.map((call) => call.functionKey)).toEqual(['getConfig', 'previewAnalysis', 'previewAnalysis']);
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
