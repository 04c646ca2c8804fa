import { z } from 'zod';
import type { Analysis } from './analysis/types';
import { AdminConfigSchema, ProjectKey, type AdminConfig } from './config/schema';

/**
 * The contract between the Custom UI front ends (static/) and the app's resolver functions: the
 * request payload of every resolver key as a zod schema, and the answer types. Both sides import
 * this module, so it holds zod and types only (no Node, no @forge import).
 *
 * The panel function (`panel-fn`) serves the issue panel and the issue context panel; the admin
 * function (`admin-fn`) serves the admin page. Any front end bound to a function can call all of
 * its keys, so each function is separate and checks the calling module
 * (https://developer.atlassian.com/platform/forge/app-context-security/). The issue comes from the
 * invocation context, never from a payload.
 */

/** Jira caps a summary at 255 characters. */
const MAX_SUMMARY_LENGTH = 255;
/** Pasted text in the admin preview: a long ticket, bounded so a preview stays well inside the 25 s limit. */
export const MAX_PREVIEW_DESCRIPTION_LENGTH = 100_000;
const MAX_PREVIEW_LIST_ITEMS = 50;

// ---------------------------------------------------------------------------------------------
// Requests

export const GetAnalysisRequest = z.strictObject({});
export const GetExportsRequest = z.strictObject({});
export const ReanalyzeRequest = z.strictObject({});
export const GetConfigRequest = z.strictObject({});
export const SaveConfigRequest = z.strictObject({ config: AdminConfigSchema });

/** A ticket pasted into the admin page's "try it" box: the description as wiki markup or plain text. */
export const PastedIssue = z.strictObject({
  summary: z.string().max(MAX_SUMMARY_LENGTH, { error: `A summary has at most ${MAX_SUMMARY_LENGTH} characters.` }),
  description: z.string().max(MAX_PREVIEW_DESCRIPTION_LENGTH, { error: `Paste at most ${MAX_PREVIEW_DESCRIPTION_LENGTH} characters.` }).optional(),
  components: z.array(z.string().max(MAX_SUMMARY_LENGTH)).max(MAX_PREVIEW_LIST_ITEMS).optional(),
  labels: z.array(z.string().max(MAX_SUMMARY_LENGTH)).max(MAX_PREVIEW_LIST_ITEMS).optional(),
});

/** Analyses pasted text with a configuration that is not saved yet. */
export const PreviewAnalysisRequest = z.strictObject({ config: AdminConfigSchema, issue: PastedIssue });

export type GetAnalysisPayload = z.input<typeof GetAnalysisRequest>;
export type GetExportsPayload = z.input<typeof GetExportsRequest>;
export type ReanalyzePayload = z.input<typeof ReanalyzeRequest>;
export type GetConfigPayload = z.input<typeof GetConfigRequest>;
export type SaveConfigPayload = z.input<typeof SaveConfigRequest>;
export type PreviewAnalysisPayload = z.input<typeof PreviewAnalysisRequest>;

// ---------------------------------------------------------------------------------------------
// Answers

/** A problem with one field of a payload; `path` is relative to the payload, e.g. `config.labelPrefix`. */
export interface FieldError {
  path: string;
  message: string;
}

export type ResolverErrorCode =
  /** The caller lacks a permission, or the calling module may not use this resolver. */
  | 'forbidden'
  /** The issue does not exist or the user may not browse it (Jira does not tell which). */
  | 'not-found'
  /** The payload failed validation; see `fieldErrors`. */
  | 'invalid-request'
  /** Jira is rate limiting or unavailable; try again after `retryAfterSeconds`. */
  | 'jira-unavailable'
  /** Jira refused the request for another reason. */
  | 'jira-error';

export interface ResolverError {
  code: ResolverErrorCode;
  message: string;
  fieldErrors?: FieldError[];
  retryAfterSeconds?: number;
}

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

/** The test plan in the three export formats of src/analysis/export. */
export interface AnalysisExports {
  markdown: string;
  gherkin: string;
  /** Xray Cloud Test Case Importer CSV (`;` delimiter, CRLF). */
  xrayCsv: string;
}

/** What the app has stored on the issue (custom fields, labels, issue property). */
export interface StoredState {
  /** True when the stored results are those of this analysis. */
  upToDate: boolean;
  /** Labels the app added that are still on the issue. */
  labelsAdded: string[];
  /** The last label write failed because the project's edit screen lacks the Labels field. */
  labelsNotOnScreen: boolean;
}

/**
 * `getAnalysis`: the issue's analysis and its generated test cases (`analysis.testPlan.cases`).
 * The exports, two thirds of the answer's size and needed only on Copy/Download, are `getExports`'s.
 */
export interface IssueAnalysisView {
  issue: { id: string; key: string; summary: string };
  analysis: Analysis;
  /** Null when the app has not stored an analysis on the issue yet. */
  stored: StoredState | null;
  /** Whether the admin configuration lets the app write to this issue's project. */
  projectEnabled: boolean;
}

/** How `reanalyze` (and an issue event) left the issue. */
export type SyncDecision = 'written' | 'unchanged' | 'project-disabled';

export interface ReanalyzeView extends IssueAnalysisView {
  decision: SyncDecision;
}

export interface ConfigView {
  config: AdminConfig;
  defaults: AdminConfig;
}

export interface PreviewView {
  analysis: Analysis;
  exports: AnalysisExports;
}

/**
 * `getExports`: the exports, and which analysis they are of. The issue may have changed since the
 * panel got `getAnalysis`'s answer; the panel offers the exports only when the hashes agree, so a
 * file never holds another plan than the one on screen.
 */
export interface ExportsView extends AnalysisExports {
  /** Analysis.textHash of the analysis exported. */
  textHash: string;
}

/** Resolver keys with their payload and answer, for a typed `invoke` in the front ends. */
export interface PanelResolvers {
  getAnalysis: { payload: GetAnalysisPayload; result: ResolverResult<IssueAnalysisView> };
  /** The issue's test plan in the export formats, analysed as `getAnalysis` does. */
  getExports: { payload: GetExportsPayload; result: ResolverResult<ExportsView> };
  reanalyze: { payload: ReanalyzePayload; result: ResolverResult<ReanalyzeView> };
}

export interface AdminResolvers {
  getConfig: { payload: GetConfigPayload; result: ResolverResult<ConfigView> };
  saveConfig: { payload: SaveConfigPayload; result: ResolverResult<ConfigView> };
  previewAnalysis: { payload: PreviewAnalysisPayload; result: ResolverResult<PreviewView> };
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

// ---------------------------------------------------------------------------------------------
// Backfill: analysing the issues that existed before the app (admin function, admin page only)

/** JQL an admin may type for a backfill; generous, but bounded. */
export const MAX_BACKFILL_JQL_LENGTH = 2_000;
/** Projects an admin may pick for one backfill (the configuration allows as many enabled projects). */
export const MAX_BACKFILL_PROJECTS = 500;

/**
 * Which issues a backfill analyses: chosen projects, or a JQL query. The backfill orders the issues
 * itself (by key, so pages stay stable while issues change), so the query has no ORDER BY.
 */
export const BackfillScope = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('projects'),
      projectKeys: z
        .array(ProjectKey)
        .min(1, { error: 'Choose at least one project.' })
        .max(MAX_BACKFILL_PROJECTS, { error: `Choose at most ${MAX_BACKFILL_PROJECTS} projects.` })
        .refine((keys) => new Set(keys).size === keys.length, { error: 'A project is chosen twice.' }),
    }),
    z.strictObject({
      kind: z.literal('jql'),
      jql: z
        .string()
        .trim()
        .min(1, { error: 'Enter a JQL query, e.g. project = PAY AND created >= -365d.' })
        .max(MAX_BACKFILL_JQL_LENGTH, { error: `A query can have at most ${MAX_BACKFILL_JQL_LENGTH} characters.` })
        .refine((jql) => !/\border\s+by\b/i.test(jql), { error: 'Leave out ORDER BY: the backfill goes through the issues in key order.' }),
    }),
  ],
  { error: "Choose projects (kind 'projects') or enter a query (kind 'jql')." },
);

export const EstimateBackfillRequest = z.strictObject({ scope: BackfillScope });
export const StartBackfillRequest = z.strictObject({
  scope: BackfillScope,
  /** Add the pattern labels (with the configured prefix) to the issues; labels are only ever added. */
  addLabels: z.boolean({ error: 'Choose whether to add pattern labels.' }),
});
export const GetBackfillStatusRequest = z.strictObject({});
export const PauseBackfillRequest = z.strictObject({});
export const ResumeBackfillRequest = z.strictObject({});
export const CancelBackfillRequest = z.strictObject({});

export type BackfillScope = z.infer<typeof BackfillScope>;
export type EstimateBackfillPayload = z.input<typeof EstimateBackfillRequest>;
export type StartBackfillPayload = z.input<typeof StartBackfillRequest>;
export type GetBackfillStatusPayload = z.input<typeof GetBackfillStatusRequest>;
export type PauseBackfillPayload = z.input<typeof PauseBackfillRequest>;
export type ResumeBackfillPayload = z.input<typeof ResumeBackfillRequest>;
export type CancelBackfillPayload = z.input<typeof CancelBackfillRequest>;

/** `estimateBackfill`: how many issues the scope holds (Jira's approximate count) and the JQL the backfill runs. */
export interface BackfillEstimateView {
  /** The query the backfill runs, restricted to the projects enabled in the configuration. */
  jql: string;
  count: number;
  /** How many parallel chains of pages the backfill would run. */
  chains: number;
}

/**
 * - `running`: pages are being analysed (see `waiting` for why there may be a pause in progress);
 * - `paused`: stopped by an admin, `resumeBackfill` continues where it stopped;
 * - `completed`: every issue of the scope was analysed (`failed` may still count single issues);
 * - `failed`: a part of the backfill could not go on (see `lastErrors`); start a new one;
 * - `cancelled`: stopped by an admin for good.
 */
export type BackfillState = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

/** Why a running backfill is not moving right now. */
export type BackfillWaitReason =
  /** Jira's hourly quota is used up: the backfill waits until Jira resets it (`until`). */
  | 'jira-quota'
  /** Some chains used the queue's push allowance and wait for the app's 5-minute relay to continue. */
  | 'relay'
  /** Some chains have not reported for a while (a crashed invocation); the relay restarts them from their checkpoint. */
  | 'stalled';

/** One recent problem; never ticket text, only which issue, which call and what Jira answered. */
export interface BackfillErrorView {
  /** ISO 8601. */
  at: string;
  issueKey?: string;
  /** The Jira operation, e.g. `editIssue`, `searchIssues`. */
  operation?: string;
  /** Jira's HTTP status; 0 when no answer arrived. */
  status?: number;
  message: string;
}

export interface BackfillStatusView {
  jobId: string;
  state: BackfillState;
  waiting?: { reason: BackfillWaitReason; until?: string };
  scope: BackfillScope;
  jql: string;
  addLabels: boolean;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
  /** Jira's approximate count when the backfill started. */
  estimatedTotal: number;
  /** Issues whose fields, property (and labels) were written. */
  done: number;
  /** Issues already up to date (same text and analysis version, or the same results), or in a project no longer enabled. */
  skipped: number;
  /** Issues that could not be written; see `lastErrors`. */
  failed: number;
  processed: number;
  /** 0..100; 100 only once every chain has finished. */
  percent: number;
  /** Issues processed per minute of running time (pauses excluded). */
  ratePerMinute: number;
  /** Seconds until done at the current rate; absent when unknown or finished. */
  etaSeconds?: number;
  /** Newest first, at most 10. */
  lastErrors: BackfillErrorView[];
  chains: { total: number; finished: number };
}

/** `getBackfillStatus`: the current or last backfill, null when none ever ran. */
export interface BackfillStatusAnswer {
  status: BackfillStatusView | null;
}

/** The admin function's backfill keys; `startBackfill`, `pauseBackfill`, `resumeBackfill` and `cancelBackfill` answer the new status. */
export interface AdminBackfillResolvers {
  estimateBackfill: { payload: EstimateBackfillPayload; result: ResolverResult<BackfillEstimateView> };
  startBackfill: { payload: StartBackfillPayload; result: ResolverResult<BackfillStatusView> };
  getBackfillStatus: { payload: GetBackfillStatusPayload; result: ResolverResult<BackfillStatusAnswer> };
  pauseBackfill: { payload: PauseBackfillPayload; result: ResolverResult<BackfillStatusView> };
  resumeBackfill: { payload: ResumeBackfillPayload; result: ResolverResult<BackfillStatusView> };
  cancelBackfill: { payload: CancelBackfillPayload; result: ResolverResult<BackfillStatusView> };
}
