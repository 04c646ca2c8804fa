import { JiraHttpError, objectBody, type RouteContext, type RouteHandler, type SimRequest } from '../http';
import { JqlSyntaxError, JqlValidationError } from '../jql/errors';
import { compileJql } from '../jql/evaluate';
import { parseJql } from '../jql/parser';
import type { Issue } from '../model';
import { commaList, parseFieldSelection, renderIssue } from '../render';

/**
 * Enhanced JQL search and approximate count
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post):
 * `{jql, fields, maxResults, nextPageToken}` → `{issues, nextPageToken?, isLast}`, no `total`.
 * maxResults defaults to 50; pages hold at most 5,000 issues when only ids or keys are asked for,
 * otherwise the simulator caps them at 100. Both endpoints require bounded JQL: a query with no
 * search restriction answers 400 "Unbounded JQL queries are not allowed here..." (Jira Cloud's
 * answer to `ORDER BY` alone or an empty query). Results contain only issues the caller may browse.
 */

const DEFAULT_MAX_RESULTS = 50;
const MAX_RESULTS_IDS_ONLY = 5000;
const MAX_RESULTS_WITH_FIELDS = 100;
const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

interface SearchParameters {
  jql: string;
  fields?: string[];
  properties: string[];
  maxResults?: number;
  nextPageToken?: string;
}

export const searchJqlPost: RouteHandler = (request, context) => {
  const body = objectBody(request);
  return search(request, context, {
    jql: typeof body.jql === 'string' ? body.jql : '',
    ...(Array.isArray(body.fields) ? { fields: body.fields as string[] } : {}),
    properties: Array.isArray(body.properties) ? (body.properties as string[]) : [],
    ...(typeof body.maxResults === 'number' ? { maxResults: body.maxResults } : {}),
    ...(typeof body.nextPageToken === 'string' ? { nextPageToken: body.nextPageToken } : {}),
  });
};

export const searchJqlGet: RouteHandler = (request, context) => {
  const { query } = request;
  const maxResults = query.get('maxResults');
  const fields = commaList(query.get('fields'));
  return search(request, context, {
    jql: query.get('jql') ?? '',
    ...(fields ? { fields } : {}),
    properties: commaList(query.get('properties')) ?? [],
    ...(maxResults !== null ? { maxResults: Number(maxResults) } : {}),
    ...(query.get('nextPageToken') ? { nextPageToken: query.get('nextPageToken') as string } : {}),
  });
};

export const approximateCount: RouteHandler = (request, context) => {
  const body = objectBody(request);
  const matches = matchingIssues(request, context, typeof body.jql === 'string' ? body.jql : '');
  return { status: 200, body: { count: matches.length } };
};

function search(request: SimRequest, context: RouteContext, parameters: SearchParameters) {
  const matches = matchingIssues(request, context, parameters.jql);
  const idsOnly = parameters.fields !== undefined && parameters.fields.every((f) => f === 'id' || f === 'key');
  const cap = idsOnly || parameters.fields === undefined ? MAX_RESULTS_IDS_ONLY : MAX_RESULTS_WITH_FIELDS;
  const requested = parameters.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(requested) || requested < 0) throw new JiraHttpError(400, ['maxResults must be a non-negative integer.']);
  const offset = parameters.nextPageToken === undefined ? 0 : decodePageToken(parameters.nextPageToken, parameters.jql);
  const end = offset + Math.min(requested, cap);
  const selection = parseFieldSelection(parameters.fields, 'none');
  const issues = matches.slice(offset, end).map((issue) => renderIssue(issue, context.state, selection, parameters.properties, request.baseUrl));
  const isLast = end >= matches.length;
  return { status: 200, body: { issues, isLast, ...(isLast ? {} : { nextPageToken: encodePageToken(end, parameters.jql) }) } };
}

function matchingIssues(request: SimRequest, context: RouteContext, jql: string): Issue[] {
  const { state } = context;
  try {
    const query = parseJql(jql);
    if (!query.where) throw new JiraHttpError(400, [UNBOUNDED]);
    const compiled = compileJql(query, state);
    const visible = [...state.issues.values()].filter((issue) => compiled.matches(issue) && state.canBrowse(request.principal, issue));
    return compiled.sort(visible);
  } catch (error) {
    if (error instanceof JqlSyntaxError) throw new JiraHttpError(400, [error.message]);
    if (error instanceof JqlValidationError) throw new JiraHttpError(400, error.messages);
    throw error;
  }
}

function encodePageToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ offset, jql }), 'utf8').toString('base64url');
}

function decodePageToken(token: string, jql: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown; jql?: unknown };
    if (typeof decoded.offset === 'number' && decoded.jql === jql) return decoded.offset;
  } catch {
    // fall through: malformed tokens are rejected below
  }
  throw new JiraHttpError(400, ['The nextPageToken is invalid or does not belong to this query.']);
}
