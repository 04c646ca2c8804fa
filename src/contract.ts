import { z } from 'zod';
import type { Analysis } from './analysis/types';
import { AdminConfigSchema, type AdminConfig } from './config/schema';

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

/** `getAnalysis`: the issue's analysis, its generated test cases (`analysis.testPlan.cases`) and the exports. */
export interface IssueAnalysisView {
  issue: { id: string; key: string; summary: string };
  analysis: Analysis;
  exports: AnalysisExports;
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

/** Resolver keys with their payload and answer, for a typed `invoke` in the front ends. */
export interface PanelResolvers {
  getAnalysis: { payload: GetAnalysisPayload; result: ResolverResult<IssueAnalysisView> };
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
