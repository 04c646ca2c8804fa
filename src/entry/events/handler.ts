import type { InvocationError } from '@forge/events';
import { isProjectEnabled } from '../../config/schema';
import { loadConfig } from '../../config/store';
import { touchesAnalysedFields } from '../../issueSync/changelog';
import { syncIssue } from '../../issueSync/syncIssue';
import { JiraError, JiraForbiddenError, JiraNotFoundError } from '../../jira/errors';
import { describeError, log, type LogFields } from '../../log';
import { jiraClient, platformClock, type InvocationClockFactory } from '../invocation';
import { ISSUE_CREATED, ISSUE_UPDATED, IssueEvent } from './issueEvent';
import { retryRequestFor } from './retryRequest';

/**
 * The `trigger` handler for issue created and updated events. The manifest's
 * `filter: { ignoreSelf: true }` keeps most of the app's own edits away; the handler still skips
 * `selfGenerated` events and updates whose changelog touches nothing the detector reads (0 Jira
 * calls), then syncs the issue as the app (triggers run without a user: asApp). A 403/404 is
 * skipped (the issue is gone or closed to the app), a rate limit or outage that outlasts the
 * invocation is RETURNED as an InvocationError so the platform retries, and every outcome is one
 * structured log line without ticket text.
 */
export interface IssueEventHandlerOptions {
  clock?: InvocationClockFactory;
}

export function createIssueEventHandler({ clock = platformClock }: IssueEventHandlerOptions = {}) {
  return async function handleIssueEvent(payload: unknown): Promise<InvocationError | undefined> {
    const parsed = IssueEvent.safeParse(payload);
    if (!parsed.success) {
      log('warn', { event: 'issue-event', decision: 'skipped-invalid-payload', invalidPaths: parsed.error.issues.map((issue) => issue.path.join('.')) });
      return undefined;
    }
    const event = parsed.data;
    const fields: LogFields = {
      event: 'issue-event',
      issueId: event.issue.id,
      issueKey: event.issue.key,
      eventType: event.eventType,
      ...(event.retryContext ? { retryCount: event.retryContext.retryCount } : {}),
    };
    if (event.selfGenerated) return skip(fields, 'skipped-self-generated');
    const config = await loadConfig();
    if (event.eventType === ISSUE_UPDATED && !touchesAnalysedFields(event.changelog?.items ?? [], config.labelPrefix)) {
      return skip(fields, 'skipped-irrelevant-change');
    }
    const projectKey = event.issue.fields?.project?.key;
    if (projectKey !== undefined && !isProjectEnabled(config, projectKey)) return skip(fields, 'project-disabled');

    try {
      const result = await syncIssue(jiraClient('app', clock()), event.issue.id, config, event.eventType === ISSUE_CREATED ? 'created' : 'updated');
      const { plan } = result;
      log('info', {
        ...fields,
        decision: result.decision,
        patterns: result.analysis.patterns.length,
        complexity: result.analysis.complexity.score,
        ...(plan && result.decision === 'written'
          ? {
              fieldWrites: Number(plan.patternsValue !== undefined) + Number(plan.complexityValue !== undefined),
              labelsAdded: result.stored?.labelsNotOnScreen ? 0 : plan.addLabels.length,
              labelsRemoved: result.stored?.labelsNotOnScreen ? 0 : plan.removeLabels.length,
            }
          : {}),
      });
      return undefined;
    } catch (error) {
      return failed(fields, error);
    }
  };
}

export const handleIssueEvent = createIssueEventHandler();

function skip(fields: LogFields, decision: string): undefined {
  log('info', { ...fields, decision });
  return undefined;
}

function failed(fields: LogFields, error: unknown): InvocationError | undefined {
  if (error instanceof JiraNotFoundError || error instanceof JiraForbiddenError) {
    log('warn', { ...fields, decision: 'skipped-no-access', error: describeError(error) });
    return undefined;
  }
  const retry = retryRequestFor(error);
  if (retry) {
    const { retryAfter, retryReason } = retry.retryOptions;
    log('warn', { ...fields, decision: 'retry-later', retryAfterSeconds: retryAfter, retryReason, error: describeError(error) });
    return retry;
  }
  log('error', { ...fields, decision: 'failed', error: describeError(error) });
  // A 400 or an unexpected answer will not succeed on a retry; anything else is a defect worth a failed invocation.
  if (error instanceof JiraError) return undefined;
  throw error;
}
