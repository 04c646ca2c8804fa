import api, { asApp, asUser, authorize, getAppContext, route } from '@forge/api';
import { SIMULATED_APP } from '../../../sim/appIdentity';
import { standardJira, USERS } from '../../support/jiraFixtures';
import { useSimulatedJira } from '../../support/simulatedJira';

const jira = useSimulatedJira(() => standardJira());

describe('simulated Forge runtime', () => {
  it('sends asApp() calls as the app account', async () => {
    const response = await asApp().requestJira(route`/rest/api/3/myself`);
    expect(await response.json()).toMatchObject({ accountId: SIMULATED_APP.appAccountId, accountType: 'app' });
    expect(jira.sim.calls.records.map((c) => c.principal)).toEqual([{ kind: 'app', accountId: SIMULATED_APP.appAccountId }]);
  });

  it('sends asUser() calls as the invoking user, or as the account given', async () => {
    jira.runtime.actAsUser(USERS.reader);
    await asUser().requestJira(route`/rest/api/3/myself`);
    await asUser(USERS.editor).requestJira(route`/rest/api/3/myself`);
    expect(jira.sim.calls.records.map((c) => c.principal)).toEqual([
      { kind: 'user', accountId: USERS.reader },
      { kind: 'user', accountId: USERS.editor },
    ]);
  });

  it('refuses asUser() in an invocation without a user, and requestJira() without a principal', async () => {
    await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toThrow(/without a user/);
    await expect(api.requestJira(route`/rest/api/3/myself`)).rejects.toThrow(/choose the principal/);
    expect(jira.sim.calls.records).toEqual([]);
  });

  it('exposes the app context and a controllable remaining invocation time', () => {
    let remaining = 12_000;
    jira.runtime.setRemainingTimeMs(() => remaining);
    const context = getAppContext();
    expect(context.invocationRemainingTimeInMillis()).toBe(12_000);
    remaining = 800;
    expect(context.invocationRemainingTimeInMillis()).toBe(800);
    expect(String(context.appAri)).toBe(`ari:cloud:ecosystem::app/${SIMULATED_APP.appId}`);
    expect(context.environmentType).toBe('DEVELOPMENT');
  });

  it('answers authorize() of @forge/api from the simulator’s permissions', async () => {
    jira.runtime.actAsUser(USERS.editor);
    expect(await authorize().onJiraIssue(10000).canEdit?.()).toBe(true);
    jira.runtime.actAsUser(USERS.reader);
    expect(await authorize().onJiraIssue(10000).canEdit?.()).toBe(false);
    expect(jira.sim.calls.filter({ path: '/rest/api/3/permissions/check' }).map((c) => c.principal.kind)).toEqual(['user', 'user']);
  });
});
