import type { Page } from 'playwright-core';
import { MULE_6468 } from '../fixtures/corpus/mule-6468';
import { paragraph, standardJira } from '../support/jiraFixtures';
import type { HostedPage } from './support/forgeHost';
import { e2eJira, useBrowserSession, USERS } from './support/session';

/**
 * Ticket text is untrusted: it must reach the page as text. MULE-6468 is a real ticket that quotes
 * `<sCrIpT>alert(88585)</sCrIpT>`; a second issue adds the event-handler vectors a script tag does
 * not cover. Proof that nothing ran: `alert` is wrapped to record any call, every dialog is
 * recorded, the handlers would set a global flag, and the payload shows up on the page as text.
 */
const SCRIPT_PAYLOAD = '<sCrIpT>alert(88585)</sCrIpT>';
const HANDLER_PAYLOAD = '<img src=x onerror="window.__xssRan=true"><svg onload="window.__xssRan=true">';

const session = useBrowserSession(() =>
  e2eJira({
    projects: [...(standardJira().projects ?? []), { key: 'MULE', name: 'Mule' }],
    issues: [
      { project: 'MULE', summary: MULE_6468.summary, description: paragraph(MULE_6468.description) },
      { project: 'MULE', summary: `Webhook payload ${HANDLER_PAYLOAD} breaks the API`, description: paragraph(`The webhook endpoint echoes ${HANDLER_PAYLOAD} back.`) },
    ],
  }),
);

const RECORD_EXECUTION = `(() => {
  window.__executed = [];
  const nativeAlert = window.alert;
  window.alert = function (...args) { window.__executed.push('alert(' + args.join(',') + ')'); return nativeAlert.apply(this, args); };
})();`;

async function openWatched(page: 'issue-panel' | 'side-panel', issueKey: string): Promise<{ hosted: HostedPage; dialogs: string[] }> {
  const hosted = await session.open(page, { accountId: USERS.admin, issueKey, initScript: RECORD_EXECUTION });
  const dialogs: string[] = [];
  hosted.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await hosted.page.locator('main, [role="alert"]').first().waitFor();
  return { hosted, dialogs };
}

async function expectNothingRan(page: Page, dialogs: readonly string[]): Promise<void> {
  const executed = await page.evaluate(() => ({
    calls: (window as unknown as { __executed: string[] }).__executed,
    flag: (window as unknown as { __xssRan?: boolean }).__xssRan ?? false,
    scripts: document.querySelectorAll('script').length,
    injected: document.querySelectorAll('#root script, #root img, #root svg, #root iframe').length,
  }));
  expect(dialogs).toEqual([]);
  expect(executed).toEqual({ calls: [], flag: false, scripts: 1, injected: 0 });
}

async function openAllEvidence(page: Page): Promise<void> {
  const closed = page.locator('details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

test('MULE-6468 in the issue panel: the script in the ticket is shown as text and never runs', async () => {
  const { hosted, dialogs } = await openWatched('issue-panel', 'MULE-1');
  await openAllEvidence(hosted.page);
  const shown = await hosted.page.locator('[data-testid="evidence"]').allTextContents();
  expect(shown.some((text) => text.includes(SCRIPT_PAYLOAD))).toBe(true);
  await expectNothingRan(hosted.page, dialogs);

  await hosted.page.getByRole('button', { name: 'Re-analyse' }).click();
  await hosted.page.getByText('Re-analysed', { exact: true }).waitFor();
  await openAllEvidence(hosted.page);
  await expectNothingRan(hosted.page, dialogs);
});

test('event-handler markup in a summary and description stays text in both panels', async () => {
  for (const page of ['issue-panel', 'side-panel'] as const) {
    const { hosted, dialogs } = await openWatched(page, 'MULE-2');
    await openAllEvidence(hosted.page);
    if (page === 'issue-panel') {
      const shown = await hosted.page.locator('[data-testid="evidence"]').allTextContents();
      expect(shown.some((text) => text.includes('<img src=x onerror='))).toBe(true);
    }
    await expectNothingRan(hosted.page, dialogs);
  }
});

test('MULE-6468 in the side panel and pasted into the admin page’s “try it”: nothing runs', async () => {
  const side = await openWatched('side-panel', 'MULE-1');
  await expectNothingRan(side.hosted.page, side.dialogs);

  const admin = await session.open('admin', { accountId: USERS.admin, initScript: RECORD_EXECUTION });
  const dialogs: string[] = [];
  admin.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await admin.page.getByLabel('Summary').fill(MULE_6468.summary);
  await admin.page.getByLabel('Description').fill(MULE_6468.description);
  await admin.page.getByRole('button', { name: 'Analyse with these settings' }).click();
  await admin.page.getByTestId('preview-result').waitFor();
  await expectNothingRan(admin.page, dialogs);
});
