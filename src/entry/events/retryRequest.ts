import { InvocationError, InvocationErrorCode } from '@forge/events';
import { JiraServerError, retryLater } from '../../jira/errors';

/**
 * When a trigger should ask the platform to deliver its event again. A trigger that RETURNS an
 * `InvocationError` is retried after `retryAfter` seconds, up to 4 times
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/ and
 * https://developer.atlassian.com/platform/forge/events-reference/jira/).
 * The Jira client has already retried 429 and 503 as long as the invocation's time allowed, so
 * what reaches here is a rate limit or outage that outlasts the invocation, or a 5xx the client
 * does not retry (500, 502, 504). Every write of the handler is idempotent, so a retry is safe.
 */
export const MAX_RETRY_AFTER_SECONDS = 900;
/** A 5xx without Retry-After: Atlassian's backoff starts at a few seconds (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/). */
export const SERVER_ERROR_RETRY_AFTER_SECONDS = 10;

export function retryRequestFor(error: unknown): InvocationError | undefined {
  const later = retryLater(error);
  if (later) {
    return new InvocationError({
      retryAfter: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, later.retryAfterSeconds)),
      retryReason: later.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
  if (error instanceof JiraServerError) {
    return new InvocationError({ retryAfter: SERVER_ERROR_RETRY_AFTER_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  return undefined;
}
