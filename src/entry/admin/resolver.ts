import Resolver, { type Request } from '@forge/resolver';
import { analyzeIssue } from '../../analysis/analyze';
import { DEFAULT_ADMIN_CONFIG, toAnalysisConfig } from '../../config/schema';
import { loadConfig, saveConfig } from '../../config/store';
import { GetConfigRequest, PreviewAnalysisRequest, SaveConfigRequest, type ConfigView, type PreviewView, type ResolverResult } from '../../contract';
import { retryLater } from '../../jira/errors';
import { describeError, log } from '../../log';
import { ADMIN_MODULE_KEYS } from '../../moduleKeys';
import { exportsOf } from '../analysisView';
import { jiraClient, platformClock, type InvocationClock, type InvocationClockFactory } from '../invocation';
import { admitCall, failure, failureFor, invalidPayload, isRefusal, ok, type ResolverCall } from '../resolverSupport';
import { defineBackfillResolvers } from './backfillResolvers';

/**
 * The admin function's resolvers, for the `jira:adminPage` (its Configure page). Every key requires
 * the Administer Jira global permission of the calling user, checked with
 * `GET /rest/api/3/mypermissions?permissions=ADMINISTER` as that user
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get);
 * no user, an error or anything but `havePermission: true` refuses (fail closed).
 */
export interface AdminResolverOptions {
  clock?: InvocationClockFactory;
  /** The backfill's clock and push budget (tests run them on the queue's simulated time). */
  backfill?: { now?: () => number; pushBudget?: number };
}

export function createAdminResolver({ clock = platformClock, backfill = {} }: AdminResolverOptions = {}) {
  const resolver = new Resolver();

  resolver.define('getConfig', async (request: Request): Promise<ResolverResult<ConfigView>> => {
    const call = await admitAdmin('getConfig', request, clock());
    if (isRefusal(call)) return call;
    const payload = GetConfigRequest.safeParse(request.payload);
    if (!payload.success) return invalidPayload(payload.error);
    return ok({ config: await loadConfig(), defaults: DEFAULT_ADMIN_CONFIG });
  });

  resolver.define('saveConfig', async (request: Request): Promise<ResolverResult<ConfigView>> => {
    const call = await admitAdmin('saveConfig', request, clock());
    if (isRefusal(call)) return call;
    const payload = SaveConfigRequest.safeParse(request.payload);
    if (!payload.success) {
      log('info', { event: 'resolver-call', functionKey: call.functionKey, decision: 'invalid-config', invalidPaths: payload.error.issues.map((issue) => issue.path.join('.')) });
      return invalidPayload(payload.error);
    }
    await saveConfig(payload.data.config);
    log('info', { event: 'resolver-call', functionKey: call.functionKey, decision: 'config-saved' });
    return ok({ config: payload.data.config, defaults: DEFAULT_ADMIN_CONFIG });
  });

  resolver.define('previewAnalysis', async (request: Request): Promise<ResolverResult<PreviewView>> => {
    const call = await admitAdmin('previewAnalysis', request, clock());
    if (isRefusal(call)) return call;
    const payload = PreviewAnalysisRequest.safeParse(request.payload);
    if (!payload.success) return invalidPayload(payload.error);
    const { config, issue } = payload.data;
    // A pasted description is read as Jira wiki markup, which plain text also is.
    const analysis = analyzeIssue(issue, toAnalysisConfig(config));
    return ok({ analysis, exports: exportsOf(analysis, { summary: issue.summary }) });
  });

  defineBackfillResolvers(resolver, admitAdmin, { clock, now: backfill.now ?? Date.now, ...(backfill.pushBudget === undefined ? {} : { pushBudget: backfill.pushBudget }) });

  return resolver.getDefinitions();
}

export const adminResolver = createAdminResolver();

/** Admits the call only from the admin page and only for a user who administers Jira. */
async function admitAdmin(functionKey: string, request: Request, clock: InvocationClock): Promise<ResolverCall | ResolverResult<never>> {
  const call = admitCall(functionKey, request, ADMIN_MODULE_KEYS);
  if (isRefusal(call)) return call;
  const refuse = (decision: string) => {
    log('warn', { event: 'resolver-call', functionKey, moduleKey: call.context.moduleKey, decision });
    return failure('forbidden', 'Only Jira administrators can configure Integration Radar.');
  };
  if (!call.context.accountId) return refuse('refused-no-user');
  try {
    const permissions = await jiraClient('user', clock).myPermissions(['ADMINISTER']);
    return permissions.ADMINISTER ? call : refuse('refused-not-admin');
  } catch (error) {
    if (retryLater(error)) return failureFor(error, call);
    log('warn', { event: 'resolver-call', functionKey, decision: 'refused-permission-check-failed', error: describeError(error) });
    return failure('forbidden', 'Only Jira administrators can configure Integration Radar.');
  }
}
