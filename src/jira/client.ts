import { asApp, asUser, route, type APIResponse, type RequestProductMethods } from '@forge/api';
import type { z } from 'zod';
import { cacheAppFieldIds, cachedAppFieldIds, matchAppFieldId } from './appFieldIds';
import {
  JiraBadRequestError,
  JiraConnectionError,
  JiraForbiddenError,
  JiraNotFoundError,
  JiraServerError,
  JiraUnexpectedResponseError,
  LabelNotOnScreenError,
  RateLimitedError,
  type JiraErrorDetails,
} from './errors';
import { countBody, editIssueBody, fieldValuesBody, searchBody, type FieldValueEntry } from './requestBodies';
import { MAX_RETRIES, SAFETY_MARGIN_MS, isRetryableStatus, serverWaitMs, waitBeforeRetryMs } from './retryPolicy';
import { CountResponse, FieldList, IssueResponse, IssueSearchResponse, JiraErrorBody, PermissionsResponse, SearchResponse } from './schemas';

/**
 * The app's one Jira REST client, over @forge/api (`asApp()` in triggers and consumers, `asUser()`
 * where a user invoked the app). It knows the routes, validates answers with zod, retries 429 and
 * 503 within the invocation's remaining time (see retryPolicy.ts) and maps failures to the typed
 * errors of errors.ts.
 */

export interface JiraClientOptions {
  as: 'app' | 'user';
  /** Time left in this invocation, e.g. `() => getAppContext().invocationRemainingTimeInMillis()`. */
  remainingTimeMs: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /**
   * Retries of a 429 or 503 within the invocation (default MAX_RETRIES). The backfill passes 0: it
   * never sleeps, and reschedules its work on the queue with `delayInSeconds` instead.
   */
  maxRetries?: number;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  summary: string;
  /** ADF document, or null when the issue has no description. */
  description: unknown;
  labels: string[];
  components: string[];
  updated: string;
  /** The requested issue property's value; undefined when not requested or not set. */
  property?: unknown;
}

export interface FieldValueUpdate {
  fieldId: string;
  /** Numeric issue id, as a string (`10042`). */
  issueId: string;
  /** Arrays for list fields, numbers for number fields; null clears the value. */
  value: readonly string[] | number | null;
}

export interface IssueEdit {
  addLabels?: readonly string[];
  removeLabels?: readonly string[];
  properties?: ReadonlyArray<{ key: string; value: unknown }>;
}

export interface SearchRequest {
  jql: string;
  fields: readonly string[];
  maxResults?: number;
  nextPageToken?: string;
}

export interface SearchPage {
  issues: Array<{ id: string; key?: string; fields: Record<string, unknown> }>;
  nextPageToken?: string;
  isLast: boolean;
}

/** One page of issues with the fields the detector reads (and the requested property), in the search's order. */
export interface IssuePage {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast: boolean;
}

type Route = ReturnType<typeof route>;

interface Call<T> {
  operation: string;
  issue?: string;
  route: Route;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** zod schema of a JSON answer; without one the answer's body is ignored. */
  schema?: z.ZodType<T>;
}

/** The fields the detector reads, and the issue's project and last update. */
const ISSUE_FIELDS = ['summary', 'description', 'labels', 'components', 'project', 'updated'] as const;
/** Field/issue pairs per app field value request: our batch size (Jira documents no limit). */
const FIELD_VALUE_PAIRS_PER_REQUEST = 100;
const NOT_ON_SCREEN = /not on the appropriate screen/i;

export class JiraClient {
  private readonly product: RequestProductMethods;
  private readonly remainingTimeMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly maxRetries: number;
  private sent = 0;

  constructor(options: JiraClientOptions) {
    this.product = options.as === 'app' ? asApp() : asUser();
    this.remainingTimeMs = options.remainingTimeMs;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.maxRetries = options.maxRetries ?? MAX_RETRIES;
  }

  /** Requests sent to Jira by this client so far, retries included. */
  get requestsSent(): number {
    return this.sent;
  }

  /** GET /rest/api/3/issue/{idOrKey} (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get). */
  async getIssue(idOrKey: string, options: { propertyKey?: string } = {}): Promise<JiraIssue> {
    const query = new URLSearchParams({ fields: ISSUE_FIELDS.join(','), ...(options.propertyKey ? { properties: options.propertyKey } : {}) });
    const issue = await this.send({ operation: 'getIssue', issue: idOrKey, method: 'GET', route: route`/rest/api/3/issue/${idOrKey}?${query}`, schema: IssueResponse });
    return jiraIssueOf(issue, options.propertyKey);
  }

  /**
   * The field ids of the app's `jira:customField` modules, by module key; modules Jira does not
   * list are left out. Cached in KVS, so later calls make no request.
   */
  async findAppFieldIds(moduleKeys: readonly string[]): Promise<Map<string, string>> {
    const found = await cachedAppFieldIds(moduleKeys);
    const missing = moduleKeys.filter((moduleKey) => !found.has(moduleKey));
    if (missing.length === 0) return found;
    // GET /rest/api/3/field (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get)
    const fields = await this.send({ operation: 'listFields', method: 'GET', route: route`/rest/api/3/field`, schema: FieldList });
    const discovered = new Map<string, string>();
    for (const moduleKey of missing) {
      const fieldId = matchAppFieldId(fields, moduleKey);
      if (fieldId) discovered.set(moduleKey, fieldId);
    }
    await cacheAppFieldIds(discovered);
    return new Map([...found, ...discovered]);
  }

  /**
   * Writes the app's own custom fields: POST /rest/api/3/app/field/value
   * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/).
   * Issues that get the same value of a field share one entry; each field and issue pair is sent
   * once (the last update wins); events are left on (no `generateAppEvents=false`).
   */
  async setFieldValues(updates: readonly FieldValueUpdate[]): Promise<void> {
    const latest = new Map<string, FieldValueUpdate>();
    for (const update of updates) {
      if (!/^\d+$/.test(update.issueId)) throw new Error(`setFieldValues needs numeric issue ids, got '${update.issueId}'`);
      latest.set(`${update.fieldId}\u0000${update.issueId}`, update);
    }
    const entries = new Map<string, FieldValueEntry & { issueIds: number[] }>();
    for (const update of latest.values()) {
      const groupKey = `${update.fieldId}\u0000${JSON.stringify(update.value)}`;
      const entry = entries.get(groupKey) ?? { fieldId: update.fieldId, issueIds: [], value: update.value };
      entry.issueIds.push(Number(update.issueId));
      entries.set(groupKey, entry);
    }
    for (const batch of batchesOfPairs([...entries.values()], FIELD_VALUE_PAIRS_PER_REQUEST)) {
      const issues = [...new Set(batch.flatMap((entry) => entry.issueIds))].join(',');
      await this.send({ operation: 'setFieldValues', issue: issues, method: 'POST', route: route`/rest/api/3/app/field/value`, body: fieldValuesBody(batch) });
    }
  }

  /**
   * One PUT /rest/api/3/issue/{id}?notifyUsers=false
   * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put)
   * with `update.labels` add/remove operations, so labels other people add meanwhile survive
   * (never `fields.labels`, which replaces them), and the issue properties in the same body.
   * Throws LabelNotOnScreenError when the project's edit screen lacks Labels; nothing is written then.
   */
  async editIssue(issueId: string, edit: IssueEdit): Promise<void> {
    const body = editIssueBody(edit);
    if (!body) return;
    await this.send({ operation: 'editIssue', issue: issueId, method: 'PUT', route: route`/rest/api/3/issue/${issueId}?notifyUsers=false`, body });
  }

  /** PUT /rest/api/3/issue/{idOrKey}/properties/{key} (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/). Values up to 32,768 characters of JSON. */
  async setIssueProperty(issueIdOrKey: string, key: string, value: unknown): Promise<void> {
    await this.send({ operation: 'setIssueProperty', issue: issueIdOrKey, method: 'PUT', route: route`/rest/api/3/issue/${issueIdOrKey}/properties/${key}`, body: value });
  }

  /** POST /rest/api/3/search/jql (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post); the JQL must be bounded. */
  async searchJql(request: SearchRequest): Promise<SearchPage> {
    const body = searchBody(request);
    const page = await this.send({ operation: 'searchJql', method: 'POST', route: route`/rest/api/3/search/jql`, body, schema: SearchResponse });
    const isLast = page.isLast ?? !page.nextPageToken;
    return {
      issues: page.issues.map((issue) => ({ id: issue.id, ...(issue.key ? { key: issue.key } : {}), fields: issue.fields ?? {} })),
      isLast,
      ...(page.nextPageToken && !isLast ? { nextPageToken: page.nextPageToken } : {}),
    };
  }

  /**
   * A page of a JQL search (POST /rest/api/3/search/jql) with the fields getIssue reads, explicitly
   * listed, and the given issue property: the backfill analyses a page of issues from one call.
   */
  async searchIssues(request: { jql: string; maxResults: number; nextPageToken?: string; propertyKey?: string }): Promise<IssuePage> {
    const body = searchBody({
      jql: request.jql,
      fields: ISSUE_FIELDS,
      maxResults: request.maxResults,
      ...(request.nextPageToken === undefined ? {} : { nextPageToken: request.nextPageToken }),
      ...(request.propertyKey === undefined ? {} : { properties: [request.propertyKey] }),
    });
    const page = await this.send({ operation: 'searchIssues', method: 'POST', route: route`/rest/api/3/search/jql`, body, schema: IssueSearchResponse });
    const isLast = page.isLast ?? !page.nextPageToken;
    return {
      issues: page.issues.map((issue) => jiraIssueOf(issue, request.propertyKey)),
      isLast,
      ...(page.nextPageToken && !isLast ? { nextPageToken: page.nextPageToken } : {}),
    };
  }

  /** POST /rest/api/3/search/approximate-count (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post). */
  async approximateCount(jql: string): Promise<number> {
    const answer = await this.send({ operation: 'approximateCount', method: 'POST', route: route`/rest/api/3/search/approximate-count`, body: countBody(jql), schema: CountResponse });
    return answer.count;
  }

  /**
   * GET /rest/api/3/mypermissions (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get):
   * whether the caller holds each permission, for an issue or project when given.
   */
  async myPermissions(keys: readonly string[], scope: { issueId?: string; projectId?: string } = {}): Promise<Record<string, boolean>> {
    const query = new URLSearchParams({
      permissions: keys.join(','),
      ...(scope.issueId ? { issueId: scope.issueId } : {}),
      ...(scope.projectId ? { projectId: scope.projectId } : {}),
    });
    const answer = await this.send({ operation: 'myPermissions', issue: scope.issueId, method: 'GET', route: route`/rest/api/3/mypermissions?${query}`, schema: PermissionsResponse });
    return Object.fromEntries(keys.map((key) => [key, answer.permissions[key]?.havePermission === true]));
  }

  private async send<T>(call: Call<T>): Promise<T> {
    const init = {
      method: call.method,
      headers: { Accept: 'application/json', ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    };
    const details = { operation: call.operation, ...(call.issue ? { issue: call.issue } : {}) };
    for (let attempt = 0; ; attempt++) {
      let response: APIResponse;
      this.sent += 1;
      try {
        response = await this.product.requestJira(call.route, init);
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        const waitMs = this.nextWait(attempt, undefined);
        if (!this.canWait(attempt, waitMs)) throw new JiraConnectionError({ ...details, status: 0, jiraMessages: [], retryAfterSeconds: seconds(this.retryHintMs(waitMs, undefined)) });
        await this.sleep(waitMs);
        continue;
      }
      if (response.ok) return this.parse(call, response, details);
      if (!isRetryableStatus(response.status)) throw errorFor({ ...details, status: response.status, jiraMessages: await jiraMessages(response) });
      const waitMs = this.nextWait(attempt, response);
      if (this.canWait(attempt, waitMs)) {
        await this.sleep(waitMs);
        continue;
      }
      const failure = { ...details, status: response.status, jiraMessages: await jiraMessages(response), retryAfterSeconds: seconds(this.retryHintMs(waitMs, response)) };
      if (response.status === 429) throw new RateLimitedError({ ...failure, reason: response.headers.get('ratelimit-reason') ?? 'unknown' });
      throw new JiraServerError(failure);
    }
  }

  /** Whether another retry is allowed and its wait (plus a margin) fits in the invocation's remaining time. */
  private canWait(attempt: number, waitMs: number): boolean {
    return attempt < this.maxRetries && waitMs + SAFETY_MARGIN_MS <= this.remainingTimeMs();
  }

  /**
   * The wait to report with an error. A client that never retries leaves retrying to its caller,
   * which applies its own pacing: it gets Jira's own wait (Retry-After, X-RateLimit-Reset) when Jira
   * gave one, else the first backoff.
   */
  private retryHintMs(waitMs: number, response: APIResponse | undefined): number {
    if (this.maxRetries > 0 || !response) return waitMs;
    return serverWaitMs(response.headers, this.now()) ?? waitMs;
  }

  private nextWait(attempt: number, response: APIResponse | undefined): number {
    return waitBeforeRetryMs(attempt, response?.headers, this.random, this.now());
  }

  private async parse<T>(call: Call<T>, response: APIResponse, details: Pick<JiraErrorDetails, 'operation' | 'issue'>): Promise<T> {
    if (!call.schema) return undefined as T;
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new JiraUnexpectedResponseError({ ...details, status: response.status, jiraMessages: ['the answer is not JSON'] });
    }
    const result = call.schema.safeParse(json);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new JiraUnexpectedResponseError({ ...details, status: response.status, jiraMessages: problems });
  }
}

function jiraIssueOf(issue: z.infer<typeof IssueResponse>, propertyKey: string | undefined): JiraIssue {
  const { fields } = issue;
  return {
    id: issue.id,
    key: issue.key,
    projectId: fields.project.id,
    projectKey: fields.project.key,
    summary: fields.summary,
    description: fields.description ?? null,
    labels: fields.labels ?? [],
    components: (fields.components ?? []).map((component) => component.name),
    updated: fields.updated,
    ...(propertyKey && issue.properties && propertyKey in issue.properties ? { property: issue.properties[propertyKey] } : {}),
  };
}

/**
 * fetch rejects with a TypeError when no answer arrives; @forge/api's own errors pass through.
 * Checked by name: the error may come from another realm (the platform's fetch).
 */
function isNetworkFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TypeError';
}

function errorFor(details: JiraErrorDetails): Error {
  if (details.status === 404) return new JiraNotFoundError(details);
  if (details.status === 401 || details.status === 403) return new JiraForbiddenError(details);
  if (details.status >= 500) return new JiraServerError(details);
  if (details.status === 400 && details.jiraMessages.some((message) => message.startsWith('labels:') && NOT_ON_SCREEN.test(message))) {
    return new LabelNotOnScreenError(details);
  }
  return new JiraBadRequestError(details);
}

/** `errorMessages` then `field: message` for each entry of `errors`. */
async function jiraMessages(response: APIResponse): Promise<string[]> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = JiraErrorBody.safeParse(json);
  if (!parsed.success) return [];
  return [...(parsed.data.errorMessages ?? []), ...Object.entries(parsed.data.errors ?? {}).map(([field, message]) => `${field}: ${message}`)];
}

/** Splits entries into batches of at most `size` field/issue pairs, filling each batch before starting the next. */
function batchesOfPairs<T extends { issueIds: number[] }>(entries: T[], size: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let room = size;
  for (const entry of entries) {
    let rest = entry.issueIds;
    while (rest.length > 0) {
      if (room === 0) {
        batches.push(current);
        current = [];
        room = size;
      }
      const taken = rest.slice(0, room);
      current.push({ ...entry, issueIds: taken });
      room -= taken.length;
      rest = rest.slice(taken.length);
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
