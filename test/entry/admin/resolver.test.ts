import { kvs } from '@forge/kvs';
import type { ConfigView, PreviewView, ResolverResult } from '../../../src/contract';
import { DEFAULT_ADMIN_CONFIG, type AdminConfig } from '../../../src/config/schema';
import { CONFIG_KEY, loadConfig } from '../../../src/config/store';
import { createAdminResolver } from '../../../src/entry/admin/resolver';
import { MODULE_KEYS } from '../../../src/moduleKeys';
import { manifestJira } from '../../support/appManifest';
import { USERS } from '../../support/jiraFixtures';
import { invokeResolver, type InvocationContext } from '../../../sim/forge/resolverInvocation';
import { simulatedClock } from '../../support/simulatedClock';
import { useSimulatedJira } from '../../support/simulatedJira';

/** The admin function through @forge/resolver, the real @forge/api and @forge/kvs, and the Jira simulator. */
const jira = useSimulatedJira(() => manifestJira());
const admin = createAdminResolver({ clock: simulatedClock().invocation });

const onAdminPage = (accountId?: string): InvocationContext => ({ moduleKey: MODULE_KEYS.adminPage, ...(accountId ? { accountId } : {}) });
const changed: AdminConfig = { ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'], labelPrefix: 'radar-', removeOwnLabels: true, threshold: 0.6 };

beforeEach(() => {
  for (const method of ['info', 'warn', 'error'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

function call<T>(functionKey: string, context: InvocationContext, payload: unknown = {}) {
  return invokeResolver<ResolverResult<T>>(admin, functionKey, context, payload);
}

describe('getConfig and saveConfig', () => {
  it('let a Jira administrator read the defaults, save a configuration and read it back', async () => {
    await expect(call<ConfigView>('getConfig', onAdminPage(USERS.admin))).resolves.toEqual({ ok: true, data: { config: DEFAULT_ADMIN_CONFIG, defaults: DEFAULT_ADMIN_CONFIG } });
    await expect(call<ConfigView>('saveConfig', onAdminPage(USERS.admin), { config: changed })).resolves.toEqual({ ok: true, data: { config: changed, defaults: DEFAULT_ADMIN_CONFIG } });
    await expect(loadConfig()).resolves.toEqual(changed);
    await expect(call<ConfigView>('getConfig', onAdminPage(USERS.admin))).resolves.toMatchObject({ ok: true, data: { config: changed } });
    expect(jira.sim.calls.records.map((record) => [record.path, record.query, record.principal.kind])).toEqual(
      Array.from({ length: 3 }, () => ['/rest/api/3/mypermissions', 'permissions=ADMINISTER', 'user']),
    );
  });

  it('refuse a user who is not a Jira administrator, and a call without a user', async () => {
    for (const context of [onAdminPage(USERS.editor), onAdminPage()]) {
      await expect(call('saveConfig', context, { config: changed })).resolves.toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Only Jira administrators can configure Integration Radar.' },
      });
      await expect(call('getConfig', context)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await expect(kvs.get(CONFIG_KEY)).resolves.toBeUndefined();
  });

  it('refuse a panel front end calling an admin key, before asking Jira anything', async () => {
    for (const moduleKey of [MODULE_KEYS.issuePanel, MODULE_KEYS.issueContext]) {
      await expect(call('saveConfig', { moduleKey, accountId: USERS.admin, issue: { id: '10000', key: 'PAY-1' } }, { config: changed })).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(jira.sim.calls.records).toEqual([]);
    await expect(kvs.get(CONFIG_KEY)).resolves.toBeUndefined();
  });

  it('fail closed when the permission check fails', async () => {
    jira.sim.faults.add({ path: '/rest/api/3/mypermissions', fault: { kind: 'server-error', status: 500 } });
    await expect(call('saveConfig', onAdminPage(USERS.admin), { config: changed })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(kvs.get(CONFIG_KEY)).resolves.toBeUndefined();
  });

  it('reject an invalid configuration with a message per field, and store nothing', async () => {
    const result = await call('saveConfig', onAdminPage(USERS.admin), { config: { ...DEFAULT_ADMIN_CONFIG, labelPrefix: 'integration radar-', threshold: 1.5 } });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'The request is not valid.',
        fieldErrors: [
          { path: 'config.labelPrefix', message: 'Jira labels cannot contain spaces: remove the spaces from the label prefix.' },
          { path: 'config.threshold', message: 'The threshold is at most 1.' },
        ],
      },
    });
    await expect(kvs.get(CONFIG_KEY)).resolves.toBeUndefined();
  });
});

describe('previewAnalysis', () => {
  it('analyses pasted text with an unsaved configuration and saves nothing', async () => {
    const issue = { summary: 'Ledger export misses rows', description: 'The nightly ledger export to Acme Books skips refunded payments.' };
    const plain = await call<PreviewView>('previewAnalysis', onAdminPage(USERS.admin), { config: DEFAULT_ADMIN_CONFIG, issue });
    const extended = await call<PreviewView>('previewAnalysis', onAdminPage(USERS.admin), {
      config: {
        ...DEFAULT_ADMIN_CONFIG,
        extraKeywords: { sync_issues: ['ledger export'] },
        customProviders: [{ id: 'acme-books', name: 'Acme Books', kind: 'other', aliases: ['Acme Books'], checklist: ['Reconcile exported totals with Acme Books'] }],
      },
      issue,
    });
    if (!plain.ok || !extended.ok) throw new Error('The preview failed');
    expect(plain.data.analysis.patterns.map((pattern) => pattern.id)).not.toContain('sync_issues');
    expect(extended.data.analysis.patterns.map((pattern) => pattern.id)).toContain('sync_issues');
    expect(extended.data.analysis.providers.map((provider) => provider.id)).toContain('acme-books');
    expect(extended.data.exports.markdown).toContain('Reconcile exported totals with Acme Books');
    await expect(kvs.get(CONFIG_KEY)).resolves.toBeUndefined();
  });

  it('requires an administrator and a valid payload', async () => {
    const issue = { summary: 'Webhook signature verification fails' };
    await expect(call('previewAnalysis', onAdminPage(USERS.editor), { config: DEFAULT_ADMIN_CONFIG, issue })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(call('previewAnalysis', onAdminPage(USERS.admin), { config: DEFAULT_ADMIN_CONFIG, issue: { summary: 'x'.repeat(256) } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request', fieldErrors: [{ path: 'issue.summary', message: 'A summary has at most 255 characters.' }] },
    });
  });
});
