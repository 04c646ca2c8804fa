import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { SCREENSHOT_DIR } from '../e2e/support/screenshots';

/**
 * The sandbox as a user meets it: `npm start` in a child process (a free port, a temporary data
 * folder), then Chromium: create an issue about a webhook signature problem through the web UI,
 * see the app's labels and fields on the issue and in the list, the JQL filter finding it, and the
 * test cases in the issue panel, and a backfill over every issue started from the admin page. Ctrl-C
 * (SIGINT) stops it and leaves the issue in the data file.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
/** `npm start` may build the Custom UI first (about half a minute), then seeds and analyses 40 tickets. */
jest.setTimeout(180_000);

let dataDir: string;
let server: { process: ChildProcess; url: string; output: () => string; closed: Promise<void> } | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-browser-'));
  server = await npmStart(['--port', '0'], { SANDBOX_DATA_DIR: dataDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.process.exitCode === null && server.process.signalCode === null) process.kill(-(server.process.pid as number), 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('creates a webhook-signature issue in the web UI; labels, fields, JQL and the test plan follow', async () => {
  if (!server || !browser) throw new Error('the sandbox did not start');
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });

  await page.goto(`${server.url}/issues`);
  await page.getByRole('link', { name: 'Create' }).click();
  await page.getByLabel('Project').selectOption('SHOP');
  await page.getByLabel('Issue type').selectOption('Bug');
  await page.getByLabel('Summary (required)').fill('Partner webhook signature verification fails after secret rotation');
  await page
    .getByLabel('Description')
    .fill('h3. What we see\nSince we rotated the signing secret every webhook delivery is rejected: the HMAC signature in {{X-Signature}} does not match the payload.\n* deliveries are retried\n* the retry queue grows');
  await page.getByRole('button', { name: 'Create' }).click();

  await page.waitForURL(/\/browse\/SHOP-\d+\?created=1$/);
  const key = /\/browse\/(SHOP-\d+)/.exec(page.url())?.[1] as string;
  await expectText(page.locator('#issue-labels'), 'integration-webhook');
  await expectText(page.locator('#issue-patterns'), 'webhook_issues');
  expect(Number(await page.locator('#issue-complexity').textContent())).toBeGreaterThanOrEqual(2);

  const panel = page.frameLocator('#issue-panel');
  await panel.getByText('Webhook signatures verified correctly').first().waitFor();
  expect(await panel.locator('[data-testid="test-case"]').count()).toBeGreaterThan(5);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'sandbox.png'), fullPage: true });

  await page.getByRole('link', { name: 'Issues', exact: true }).click();
  await page.getByLabel('JQL query').fill('"Integration patterns" = webhook_issues');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator(`tr[data-issue-key="${key}"]`);
  await expectText(row.locator('td.labels'), 'integration-webhook');
  await expectText(row.locator('td.patterns'), 'webhook_issues');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'sandbox-list.png') });

  await page.getByLabel('JQL query').fill('"Integration patterns" = webhook_issues AND');
  await page.getByRole('button', { name: 'Search' }).click();
  await expectText(page.getByRole('alert'), 'The JQL query is not valid');

  await page.getByRole('link', { name: 'Apps: Integration Radar' }).click();
  const admin = page.frameLocator('#admin-page');
  // The admin resolver checks Administer Jira as the signed-in user; the settings form appears only when it agrees.
  await admin.getByRole('heading', { name: 'Labels' }).waitFor();

  // A backfill over every issue from the admin page: the app analysed them all already, so it skips them.
  const backfill = admin.getByTestId('backfill-section');
  await backfill.getByLabel('Project keys').fill('SHOP, DATA');
  await backfill.getByRole('button', { name: 'Estimate' }).click();
  await expectText(backfill.getByTestId('backfill-estimate'), 'About 41 issues');
  await backfill.getByRole('button', { name: 'Start backfill…' }).click();
  await admin.getByRole('dialog', { name: 'Start the backfill?' }).getByRole('button', { name: 'Start backfill' }).click();
  await backfill.getByText('Backfill completed').waitFor();
  expect(await backfill.getByRole('progressbar', { name: 'Backfill progress' }).getAttribute('aria-valuenow')).toBe('100');
  expect(await Promise.all(['done', 'skipped', 'failed'].map((name) => backfill.getByTestId(`backfill-${name}`).textContent()))).toEqual(['0', '41', '0']);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'sandbox-admin.png') });

  // Ctrl-C in a terminal: every process of the group gets SIGINT; npm exits at once, the sandbox saves and closes its output last.
  process.kill(-(server.process.pid as number), 'SIGINT');
  await server.closed;
  expect(server.output()).toContain('SIGINT: saving');
  expect(server.output()).not.toMatch(/could not stop cleanly|Error/);
  expect(readFileSync(path.join(dataDir, 'state.json'), 'utf8')).toContain(`"key":"${key}"`);
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
  expect(await locator.first().textContent()).toContain(text);
}

/** `npm start -- ARGS` in its own process group (so Ctrl-C reaches npm, tsx and node), resolved once it prints its URL. */
function npmStart(args: string[], env: Record<string, string>): Promise<NonNullable<typeof server>> {
  const child = spawn('npm', ['start', '--', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // 'close' comes once every process holding the output pipes (npm, tsx, the sandbox) has exited.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve({ process: child, url, output: () => output, closed });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });
}
