import type { Browser } from 'playwright-core';
import { createAdminResolver } from '../../../src/entry/admin/resolver';
import { createPanelResolver } from '../../../src/entry/panel/resolver';
import { MODULE_KEYS } from '../../../src/moduleKeys';
import type { UiPage } from '../../../static/pages';
import type { JiraSimulatorOptions } from '../../../sim/jira';
import { USERS } from '../../support/jiraFixtures';
import { useSimulatedJira, type SimulatedJira } from '../../support/simulatedJira';
import { launchChromium } from './chromium';
import { ForgeUiHost, type HostedPage, type IssueRef, type OpenPageOptions } from './forgeHost';
import { e2eJira } from './e2eJira';
import { ensureUiBuilt } from '../../../static/uiBuild';

/** Browser tests start Chromium and build the UI when needed: more than jest's default 5 s. */
const BROWSER_TEST_TIMEOUT_MS = 60_000;

/**
 * One browser and one page host for a test file, and a fresh Jira simulator (with the manifest's
 * fields, fresh KVS) for every test. `open` shows a page as `accountId` sees it in Jira, bound to the
 * real resolver function of its module.
 */
export interface BrowserSession {
  readonly jira: SimulatedJira;
  issue(key: string): IssueRef;
  open(page: UiPage, options: { accountId: string; issueKey?: string } & Pick<OpenPageOptions, 'colorMode' | 'viewport' | 'initScript'>): Promise<HostedPage>;
}

const PAGE_MODULES: Record<UiPage, { moduleKey: string; resolver: 'panel' | 'admin' }> = {
  'issue-panel': { moduleKey: MODULE_KEYS.issuePanel, resolver: 'panel' },
  'side-panel': { moduleKey: MODULE_KEYS.issueContext, resolver: 'panel' },
  admin: { moduleKey: MODULE_KEYS.adminPage, resolver: 'admin' },
};

export function useBrowserSession(jiraOptions: () => JiraSimulatorOptions = () => e2eJira()): BrowserSession {
  jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);
  const jira = useSimulatedJira(jiraOptions);
  const resolvers = { panel: createPanelResolver(), admin: createAdminResolver() };
  let browser: Browser | undefined;
  let host: ForgeUiHost | undefined;
  const opened: HostedPage[] = [];

  beforeAll(async () => {
    ensureUiBuilt();
    [browser, host] = await Promise.all([launchChromium(), ForgeUiHost.start()]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close()));
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), host?.close()]);
  });

  const session: BrowserSession = {
    jira,
    issue(key) {
      const issue = jira.sim.state.issue(key);
      if (!issue) throw new Error(`No issue ${key} in the simulator`);
      const project = jira.sim.state.projectOf(issue);
      return { id: issue.id, key: issue.key, projectId: project.id };
    },
    async open(page, { accountId, issueKey, ...rest }) {
      if (!browser || !host) throw new Error('The browser session starts in beforeAll');
      const module = PAGE_MODULES[page];
      const hosted = await host.open(browser, {
        page,
        moduleKey: module.moduleKey,
        resolver: resolvers[module.resolver],
        accountId,
        actAsUser: (id) => jira.runtime.actAsUser(id),
        ...(issueKey ? { issue: session.issue(issueKey) } : {}),
        ...rest,
      });
      opened.push(hosted);
      return hosted;
    },
  };
  return session;
}

export { USERS };
export { BUSY_INTEGRATION_ISSUE, e2eJira } from './e2eJira';
