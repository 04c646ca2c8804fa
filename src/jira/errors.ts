/**
 * Typed errors of the Jira client. Each carries the operation, the issue it concerned, the HTTP
 * status and Jira's own messages (`errorMessages` and `errors` of
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes); never ticket text
 * from our side.
 */

export interface JiraErrorDetails {
  operation: string;
  /** Issue id or key, or comma-separated ids for batch calls. */
  issue?: string;
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  jiraMessages: string[];
}

export abstract class JiraError extends Error {
  readonly operation: string;
  readonly issue?: string;
  readonly status: number;
  readonly jiraMessages: string[];

  constructor(details: JiraErrorDetails) {
    const subject = details.issue ? `${details.operation} ${details.issue}` : details.operation;
    const said = details.jiraMessages.length > 0 ? `: ${details.jiraMessages.join('; ')}` : '';
    super(`${subject}: Jira answered ${details.status}${said}`);
    this.name = new.target.name;
    this.operation = details.operation;
    this.issue = details.issue;
    this.status = details.status;
    this.jiraMessages = details.jiraMessages;
  }
}

/** 404: the issue (or property, field) does not exist, or the caller may not see it; Jira does not tell which. */
export class JiraNotFoundError extends JiraError {}

/** 401/403: the caller lacks the permission. */
export class JiraForbiddenError extends JiraError {}

/** 400 because the Labels field is not on the project's edit screen; the custom fields can still be written. */
export class LabelNotOnScreenError extends JiraError {}

/** Any other 4xx: the request was wrong. */
export class JiraBadRequestError extends JiraError {}

/** 5xx. `retryAfterSeconds` is set when the client gave up retrying a 503 and a later retry makes sense. */
export class JiraServerError extends JiraError {
  readonly retryAfterSeconds?: number;

  constructor(details: JiraErrorDetails & { retryAfterSeconds?: number }) {
    super(details);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** No answer: the connection failed or was reset. */
export class JiraConnectionError extends JiraServerError {}

/** A 2xx answer whose body does not have the documented shape; `jiraMessages` lists the mismatching paths. */
export class JiraUnexpectedResponseError extends JiraError {}

/**
 * 429 that the client did not wait out (retries exhausted, or the wait would overrun the
 * invocation). A trigger or consumer returns `new InvocationError({ retryAfter: retryAfterSeconds })`.
 */
export class RateLimitedError extends JiraError {
  readonly retryAfterSeconds: number;
  /** `RateLimit-Reason` of the last 429, e.g. `jira-per-issue-on-write`, or `unknown`. */
  readonly reason: string;

  constructor(details: JiraErrorDetails & { retryAfterSeconds: number; reason: string }) {
    super(details);
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.reason = details.reason;
  }
}

/** When the error is worth retrying later (rate limit, or an unavailable Jira), how long to wait and why. */
export function retryLater(error: unknown): { retryAfterSeconds: number; rateLimited: boolean; reason: string } | undefined {
  if (error instanceof RateLimitedError) return { retryAfterSeconds: error.retryAfterSeconds, rateLimited: true, reason: error.reason };
  if (error instanceof JiraServerError && error.retryAfterSeconds !== undefined) {
    return { retryAfterSeconds: error.retryAfterSeconds, rateLimited: false, reason: `status-${error.status}` };
  }
  return undefined;
}
