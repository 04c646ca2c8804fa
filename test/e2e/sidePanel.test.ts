import * as path from 'node:path';
import type { IssueAnalysisView, ResolverResult } from '../../src/contract';
import { axeViolations } from './support/axe';
import type { HostedPage } from './support/forgeHost';
import { unreachableByKeyboard } from './support/keyboard';
import { SCREENSHOT_DIR } from './support/screenshots';
import { useBrowserSession, USERS } from './support/session';

const session = useBrowserSession();
const SIDE_PANEL_VIEWPORT = { width: 340, height: 600 };

async function openSidePanel(issueKey: string): Promise<HostedPage> {
  const hosted = await session.open('side-panel', { accountId: USERS.editor, issueKey, viewport: SIDE_PANEL_VIEWPORT });
  await hosted.page.locator('main, [role="alert"]').first().waitFor();
  return hosted;
}

function analysisOf(hosted: HostedPage): IssueAnalysisView['analysis'] {
  const result = hosted.invocations[0]?.result as ResolverResult<IssueAnalysisView> | undefined;
  if (!result?.ok) throw new Error(`getAnalysis did not answer with data: ${JSON.stringify(result)}`);
  return result.data.analysis;
}

test('summarises the issue: pattern lozenges, complexity with its top factors, the P0 count and the first P0 cases', async () => {
  const hosted = await openSidePanel('PAY-1');
  const { page } = hosted;
  const analysis = analysisOf(hosted);
  expect(hosted.invocations.map((call) => call.functionKey)).toEqual(['getAnalysis']);

  await expect(page.getByRole('list', { name: 'Detected patterns' }).getByRole('listitem').allTextContents()).resolves.toEqual(
    analysis.patterns.map((pattern) => pattern.name),
  );
  await expect(page.getByText(`${analysis.complexity.score}/10`).count()).resolves.toBe(1);
  const strongest = [...analysis.complexity.factors].sort((a, b) => b.points - a.points)[0]!;
  await expect(page.getByTestId('top-factors').textContent()).resolves.toContain(`(+${strongest.points})`);

  const p0 = analysis.testPlan.cases.filter((testCase) => testCase.priority === 'P0');
  await expect(page.getByTestId('p0-count').textContent()).resolves.toBe(`${p0.length} must-test cases`);
  await expect(page.getByTestId('p0-case').allTextContents()).resolves.toEqual(p0.slice(0, 3).map((testCase) => testCase.title));
});

test('the link opens the issue, where the full test plan panel is', async () => {
  const hosted = await openSidePanel('PAY-1');
  await Promise.all([
    hosted.page.waitForResponse((response) => response.url().endsWith('/navigate')),
    hosted.page.getByRole('button', { name: /Open the full test plan/ }).click(),
  ]);
  expect(hosted.navigations).toEqual([{ target: 'issue', issueKey: 'PAY-1', type: 'new-tab' }]);
});

test('says so when no integration pattern was detected', async () => {
  const { page } = await openSidePanel('PAY-2');
  await page.getByText('No integration patterns detected.').waitFor();
});

test('is accessible: no axe violations, every control reachable with the keyboard; writes a screenshot', async () => {
  const { page } = await openSidePanel('PAY-1');
  await expect(axeViolations(page)).resolves.toEqual([]);
  await expect(unreachableByKeyboard(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'side-panel.png') });
});
