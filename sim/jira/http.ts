import type { Principal } from '../principal';
import type { JiraIssueEvent } from './events';
import type { Issue } from './model';
import type { JiraState } from './state';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  rawBody: string;
  principal: Principal;
  /** `http://127.0.0.1:<port>`, for `self` links. */
  baseUrl: string;
  /** Captures of the route pattern. */
  params: string[];
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: JiraState;
  /** Queues an event to be emitted once the response has been sent. */
  emit(event: JiraIssueEvent | undefined): void;
  /** Counts a write to each issue against the per-issue write limit; throws a 429 when over it. */
  recordWrites(issues: Issue[]): void;
}

export type RouteHandler = (request: SimRequest, context: RouteContext) => SimResponse;

/**
 * A Jira REST error: Jira Cloud answers errors as `{"errorMessages": [...], "errors": {field: message}}`
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes).
 */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super([...errorMessages, ...Object.values(errors)].join(' '));
  }

  toResponse(): SimResponse {
    return { status: this.status, body: { errorMessages: this.errorMessages, errors: this.errors }, headers: this.headers };
  }
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** Finds an issue the principal may browse; Jira answers 404 for issues the caller cannot see. */
export function visibleIssue(context: RouteContext, request: SimRequest, idOrKey: string): Issue {
  const issue = context.state.issue(idOrKey);
  if (!issue || !context.state.canBrowse(request.principal, issue)) throw new JiraHttpError(404, [ISSUE_NOT_FOUND]);
  return issue;
}

export function requireAuthenticated(request: SimRequest): void {
  if (request.principal.kind === 'anonymous') {
    throw new JiraHttpError(401, ['You are not authenticated. Authentication required to perform this operation.']);
  }
}

export function objectBody(request: SimRequest): Record<string, unknown> {
  const { body } = request;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new JiraHttpError(400, ['The request body must be a JSON object.']);
  }
  return body as Record<string, unknown>;
}
