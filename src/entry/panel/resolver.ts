import Resolver, { type Request } from '@forge/resolver';
import { analyzeIssue } from '../../analysis/analyze';
import { isProjectEnabled, toAnalysisConfig } from '../../config/schema';
import { loadConfig } from '../../config/store';
import type { z } from 'zod';
import { GetAnalysisRequest, GetExportsRequest, ReanalyzeRequest, type PanelResolvers } from '../../contract';
import { readStoredSummary } from '../../issueSync/storedSummary';
import { issueInputOf, syncIssue } from '../../issueSync/syncIssue';
import { log } from '../../log';
import { ISSUE_PROPERTY_KEY, PANEL_MODULE_KEYS } from '../../moduleKeys';
import { exportsOf, issueAnalysisView } from '../analysisView';
import { jiraClient, platformClock, type InvocationClockFactory } from '../invocation';
import { admitCall, failure, failureFor, invalidPayload, isRefusal, issueIdOf, ok, type ResolverCall } from '../resolverSupport';

/**
 * The panel function's resolvers, for the issue panel and the issue context panel
 * (`jira:issuePanel`, `jira:issueContext`; https://developer.atlassian.com/platform/forge/runtime-reference/custom-ui-resolver/).
 * The issue is the one in the invocation context. `getAnalysis` and `getExports` (the test plan
 * as Markdown, Gherkin and Xray CSV, asked for apart so the panel's first answer stays small) read
 * it as the user (`asUser`), so Jira's Browse permission decides what the user sees; `reanalyze`
 * also needs Edit issues (`GET /rest/api/3/mypermissions`) and then writes as the app, exactly
 * like an update event.
 */
export interface PanelResolverOptions {
  clock?: InvocationClockFactory;
}

export function createPanelResolver({ clock = platformClock }: PanelResolverOptions = {}) {
  const resolver = new Resolver();

  /**
   * Defines a resolver for the issue in the invocation context: admits the calling module,
   * validates the payload, and turns a failure into the contract's error answer.
   */
  const defineForIssue = <K extends keyof PanelResolvers>(
    functionKey: K,
    schema: z.ZodType,
    noIssueMessage: string,
    answer: (call: ResolverCall, issueId: string) => Promise<PanelResolvers[K]['result']>,
  ) =>
    resolver.define(functionKey, async (request: Request): Promise<PanelResolvers[K]['result']> => {
      const call = admitCall(functionKey, request, PANEL_MODULE_KEYS);
      if (isRefusal(call)) return call;
      const payload = schema.safeParse(request.payload);
      if (!payload.success) return invalidPayload(payload.error);
      const issueId = issueIdOf(call.context);
      if (!issueId) return failure('invalid-request', noIssueMessage);
      try {
        return await answer(call, issueId);
      } catch (error) {
        return failureFor(error, call, issueId);
      }
    });

  defineForIssue('getAnalysis', GetAnalysisRequest, 'Open an issue to see its analysis.', async (call, issueId) => {
    const { issue, config, analysis } = await analyseAsUser(issueId);
    const stored = readStoredSummary(issue.property);
    logAnswer(call, issueId, 'answered', analysis.patterns.length);
    return ok(issueAnalysisView(issue, analysis, stored === 'invalid' ? undefined : stored, isProjectEnabled(config, issue.projectKey)));
  });

  defineForIssue('getExports', GetExportsRequest, 'Open an issue to export its test plan.', async (call, issueId) => {
    const { issue, analysis } = await analyseAsUser(issueId);
    logAnswer(call, issueId, 'answered', analysis.patterns.length);
    return ok({ ...exportsOf(analysis, issue), textHash: analysis.textHash });
  });

  defineForIssue('reanalyze', ReanalyzeRequest, 'Open an issue to analyse it again.', async (call, issueId) => {
    const invocation = clock();
    const permissions = await jiraClient('user', invocation).myPermissions(['EDIT_ISSUES'], { issueId });
    if (!permissions.EDIT_ISSUES) {
      logAnswer(call, issueId, 'forbidden');
      return failure('forbidden', 'You need the Edit issues permission to analyse this issue again.');
    }
    const config = await loadConfig();
    const result = await syncIssue(jiraClient('app', invocation), issueId, config, 'updated');
    logAnswer(call, issueId, result.decision, result.analysis.patterns.length);
    return ok({
      ...issueAnalysisView(result.issue, result.analysis, result.stored, isProjectEnabled(config, result.issue.projectKey)),
      decision: result.decision,
    });
  });

  return resolver.getDefinitions();

  /** The issue read as the user (so Jira's Browse permission applies), analysed with the admin configuration. */
  async function analyseAsUser(issueId: string) {
    const issue = await jiraClient('user', clock()).getIssue(issueId, { propertyKey: ISSUE_PROPERTY_KEY });
    const config = await loadConfig();
    return { issue, config, analysis: analyzeIssue(issueInputOf(issue, config.labelPrefix), toAnalysisConfig(config)) };
  }
}

function logAnswer(call: ResolverCall, issueId: string, decision: string, patterns?: number): void {
  log('info', { event: 'resolver-call', functionKey: call.functionKey, moduleKey: call.context.moduleKey, issueId, decision, ...(patterns === undefined ? {} : { patterns }) });
}

export const panelResolver = createPanelResolver();
