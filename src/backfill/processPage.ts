import { analyzeIssue } from '../analysis/analyze';
import { isProjectEnabled, toAnalysisConfig, type AdminConfig } from '../config/schema';
import { editLabelsAndSummary, fieldUpdatesOf, findAppFields, issueInputOf, withoutLabelOperations, type AppFields } from '../issueSync/syncIssue';
import { readStoredSummary, type StoredSummary } from '../issueSync/storedSummary';
import { hasWrites, planWrites, type WritePlan } from '../issueSync/writePlan';
import type { JiraClient, JiraIssue } from '../jira/client';
import { JiraBadRequestError, JiraError, JiraForbiddenError, JiraNotFoundError, JiraServerError, JiraUnexpectedResponseError, RateLimitedError } from '../jira/errors';
import { log } from '../log';
import { ISSUE_PROPERTY_KEY } from '../moduleKeys';
import { callsForWrites, responseToRateLimit, type TickSignal } from './pacing';
import type { ChainRecord, ErrorRecord } from './records';

/**
 * One tick's work on a chain's page: one POST /rest/api/3/search/jql with the fields the detector
 * reads and the stored summary (the issue property), the analysis of every issue, then the writes
 * of the issues whose analysis changed, as many as the tick's call budget allows: their field
 * values in batched POST /rest/api/3/app/field/value requests (many issue ids per value), then one
 * PUT per issue with the labels (added only, and only when the backfill adds labels) and the
 * summary. Issues with the same text hash and analysis version as stored are skipped without a
 * write. The summary is written last, so an issue counts as done only when all of it is written;
 * issues left for the next tick are read again and, being idempotent, written once.
 */

/** Transient failures (5xx, lost connection) after which one issue is counted as failed. */
export const MAX_ISSUE_ATTEMPTS = 5;
/** Time kept back at the end of an invocation for the checkpoint and the next push (a few KVS calls and one push). */
const TIME_RESERVE_MS = 5_000;

export interface PageInput {
  client: JiraClient;
  config: AdminConfig;
  addLabels: boolean;
  chain: ChainRecord;
  callBudget: number;
  remainingTimeMs: () => number;
  now: number;
}

export interface PageResult {
  pageDone: string[];
  noLabelScreen: string[];
  issueAttempts: Record<string, number>;
  done: number;
  skipped: number;
  failed: number;
  errors: ErrorRecord[];
  /** Every issue of the page is done, skipped or failed. */
  pageFinished: boolean;
  isLast: boolean;
  nextPageToken?: string;
  /** Share of this tick's new issues that needed writes. */
  writeShare: number;
  callsUsed: number;
  signal: TickSignal;
}

/** The chain cannot go on: Jira refused its search, or the app's fields are missing. */
export class ChainFailure extends Error {
  constructor(readonly record: ErrorRecord) {
    super(record.message);
    this.name = 'ChainFailure';
  }
}

interface PendingWrite {
  issue: JiraIssue;
  plan: WritePlan;
  stored: StoredSummary | undefined;
}

export async function processPage(input: PageInput): Promise<PageResult> {
  const { client, chain, now } = input;
  const startCalls = client.requestsSent;
  const callsUsed = () => client.requestsSent - startCalls;
  const pageDone = new Set(chain.pageDone);
  const issueAttempts = { ...chain.issueAttempts };
  const counts = { done: 0, skipped: 0, failed: 0 };
  const errors: ErrorRecord[] = [];
  // Projects whose edit screen lacks Labels: Jira refuses a label edit there, so their issues go without labels (one call, not two).
  const noLabelScreen = new Set(chain.noLabelScreen);
  const result = (signal: TickSignal, page?: { isLast: boolean; nextPageToken?: string; ids: string[] }, writeShare = 1): PageResult => ({
    pageDone: [...pageDone],
    noLabelScreen: [...noLabelScreen],
    issueAttempts,
    ...counts,
    errors,
    pageFinished: page !== undefined && page.ids.every((id) => pageDone.has(id)),
    isLast: page?.isLast ?? false,
    ...(page?.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }),
    writeShare,
    callsUsed: callsUsed(),
    signal: signal.kind === 'clean' ? { ...signal, callsUsed: callsUsed() } : signal,
  });
  const clean = (): TickSignal => ({ kind: 'clean', callsUsed: callsUsed(), callBudget: input.callBudget });

  let page;
  try {
    page = await client.searchIssues({
      jql: chain.jql,
      maxResults: chain.pageSize,
      ...(chain.pageToken === undefined ? {} : { nextPageToken: chain.pageToken }),
      propertyKey: ISSUE_PROPERTY_KEY,
    });
  } catch (error) {
    const signal = signalOf(error);
    if (signal) return result(signal);
    throw new ChainFailure(errorRecord(error, now, 'Jira refused the search of this part of the backfill.'));
  }
  const pageInfo = { isLast: page.isLast, ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }), ids: page.issues.map((issue) => issue.id) };

  const pending: PendingWrite[] = [];
  const fresh = page.issues.filter((issue) => !pageDone.has(issue.id));
  for (const issue of fresh) {
    const write = planIssue(issue, input);
    if (write) pending.push(write);
    else {
      counts.skipped += 1;
      pageDone.add(issue.id);
    }
  }
  const writeShare = fresh.length === 0 ? 0 : pending.length / fresh.length;
  if (pending.length === 0) return result(clean(), pageInfo, writeShare);

  let fields: AppFields;
  try {
    fields = await findAppFields(client);
  } catch (error) {
    const signal = signalOf(error);
    if (signal) return result(signal, pageInfo, writeShare);
    throw new ChainFailure(errorRecord(error, now, 'The app’s custom fields were not found: is the app installed with its current manifest?'));
  }

  const affordable = input.remainingTimeMs() < TIME_RESERVE_MS ? 0 : affordableWrites(pending.length, input.callBudget - callsUsed());
  const batch = pending.slice(0, affordable);
  if (batch.length === 0) return result(clean(), pageInfo, writeShare);

  const fieldFailure = await writeFieldValues(client, fields, batch, now);
  if ('signal' in fieldFailure) return result(fieldFailure.signal, pageInfo, writeShare);
  for (const failed of fieldFailure.failed) {
    counts.failed += 1;
    pageDone.add(failed.issueId);
    errors.push(failed.record);
  }

  let transient: TickSignal | undefined;
  let issueWait = 0;
  let progressed = fieldFailure.failed.length > 0;
  for (const write of batch.filter((candidate) => !pageDone.has(candidate.issue.id))) {
    if (input.remainingTimeMs() < TIME_RESERVE_MS) break;
    const labelled = write.plan.addLabels.length > 0 || write.plan.removeLabels.length > 0;
    const plan = labelled && noLabelScreen.has(write.issue.projectKey) ? withoutLabelOperations(write.plan, write.issue, write.stored) : write.plan;
    try {
      const stored = await editLabelsAndSummary(client, write.issue, plan, write.stored);
      if (labelled && stored.labelsNotOnScreen) noLabelScreen.add(write.issue.projectKey);
      counts.done += 1;
      pageDone.add(write.issue.id);
      progressed = true;
    } catch (error) {
      const signal = signalOf(error);
      if (signal?.kind === 'rate-limited') {
        // Jira limits writes to this issue: it waits for a later tick, the others go on.
        if (responseToRateLimit(signal.reason) !== 'space-writes') return result(signal, pageInfo, writeShare);
        issueWait = Math.max(issueWait, signal.retryAfterSeconds);
        continue;
      }
      if (!signal && !isRefusal(error)) throw error;
      if (signal) {
        const attempts = (issueAttempts[write.issue.id] ?? 0) + 1;
        issueAttempts[write.issue.id] = attempts;
        transient = signal;
        if (attempts < MAX_ISSUE_ATTEMPTS) continue;
      }
      counts.failed += 1;
      pageDone.add(write.issue.id);
      errors.push(errorRecord(error, now, messageFor(error), write.issue.key));
      progressed = true;
    }
  }
  if (transient && !progressed) return result(transient, pageInfo, writeShare);
  return result({ ...clean(), ...(issueWait > 0 ? { waitSeconds: issueWait } : {}) }, pageInfo, writeShare);
}

/** The writes an issue needs, or undefined when it is skipped (unchanged, or its project is not enabled). */
function planIssue(issue: JiraIssue, input: PageInput): PendingWrite | undefined {
  const { config } = input;
  if (!isProjectEnabled(config, issue.projectKey)) return undefined;
  const analysis = analyzeIssue(issueInputOf(issue, config.labelPrefix), toAnalysisConfig(config));
  const read = readStoredSummary(issue.property);
  if (read === 'invalid') log('warn', { event: 'stored-summary-invalid', issueId: issue.id, issueKey: issue.key, decision: 'rewriting' });
  const stored = read === 'invalid' ? undefined : read;
  if (stored && stored.textHash === analysis.textHash && stored.version === analysis.version) return undefined;
  // The backfill only adds labels, and only when asked to: it never removes one, not even its own.
  const labelling: AdminConfig = { ...config, autoLabelOnCreate: input.addLabels, autoLabelOnUpdate: input.addLabels, removeOwnLabels: false };
  const plan = planWrites({ analysis, currentLabels: issue.labels, stored, config: labelling, trigger: 'created' });
  return hasWrites(plan) ? { issue, plan, stored } : undefined;
}

/** How many pending writes fit in the calls left. */
function affordableWrites(pending: number, callsLeft: number): number {
  let count = 0;
  while (count < pending && callsForWrites(count + 1) <= callsLeft) count += 1;
  return count;
}

/**
 * The batch's field values in as few requests as the client can make. When Jira refuses the batch
 * for good (an issue deleted since the search, say), each issue is written alone so that only the
 * issues Jira refuses fail.
 */
async function writeFieldValues(
  client: JiraClient,
  fields: AppFields,
  batch: readonly PendingWrite[],
  now: number,
): Promise<{ signal: TickSignal } | { failed: Array<{ issueId: string; record: ErrorRecord }> }> {
  try {
    await client.setFieldValues(batch.flatMap((write) => fieldUpdatesOf(fields, write.issue.id, write.plan)));
    return { failed: [] };
  } catch (error) {
    const signal = signalOf(error);
    if (signal) return { signal };
    if (!isRefusal(error)) throw error;
  }
  const failed: Array<{ issueId: string; record: ErrorRecord }> = [];
  for (const write of batch) {
    const updates = fieldUpdatesOf(fields, write.issue.id, write.plan);
    if (updates.length === 0) continue;
    try {
      await client.setFieldValues(updates);
    } catch (error) {
      const signal = signalOf(error);
      if (signal) return { signal };
      if (!isRefusal(error)) throw error;
      failed.push({ issueId: write.issue.id, record: errorRecord(error, now, messageFor(error), write.issue.key) });
    }
  }
  return { failed };
}

/** A 429 or a transient failure, as the pace sees it; undefined for other errors. */
function signalOf(error: unknown): TickSignal | undefined {
  if (error instanceof RateLimitedError) return { kind: 'rate-limited', reason: error.reason, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof JiraServerError) return { kind: 'transient', ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) };
  return undefined;
}

/** Jira answered, and asking again will not change its answer. */
function isRefusal(error: unknown): boolean {
  return error instanceof JiraBadRequestError || error instanceof JiraNotFoundError || error instanceof JiraForbiddenError || error instanceof JiraUnexpectedResponseError;
}

function messageFor(error: unknown): string {
  if (error instanceof JiraNotFoundError) return 'The issue no longer exists, or the app may not see it.';
  if (error instanceof JiraForbiddenError) return 'The app may not edit this issue.';
  if (error instanceof JiraServerError) return `Jira failed ${MAX_ISSUE_ATTEMPTS} times in a row writing this issue.`;
  if (error instanceof JiraUnexpectedResponseError) return 'Jira answered in an unexpected shape.';
  return 'Jira refused the write.';
}

/** What the status may show of an error: the issue, the call and the status, never Jira's text (it can quote the ticket). */
function errorRecord(error: unknown, at: number, message: string, issueKey?: string): ErrorRecord {
  return {
    at,
    ...(issueKey === undefined ? {} : { issueKey }),
    ...(error instanceof JiraError ? { operation: error.operation, status: error.status } : {}),
    message,
  };
}
