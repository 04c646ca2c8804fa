import { analyzeIssue } from '../analysis/analyze';
import type { Analysis, IssueInput } from '../analysis/types';
import { isProjectEnabled, toAnalysisConfig, type AdminConfig } from '../config/schema';
import type { SyncDecision } from '../contract';
import type { FieldValueUpdate, JiraClient, JiraIssue } from '../jira/client';
import { LabelNotOnScreenError } from '../jira/errors';
import { log } from '../log';
import { ISSUE_PROPERTY_KEY, MODULE_KEYS } from '../moduleKeys';
import { isPatternLabel } from './labels';
import { readStoredSummary, type StoredSummary } from './storedSummary';
import { hasWrites, planWrites, type SyncTrigger, type WritePlan } from './writePlan';

/**
 * Brings an issue's custom fields, labels and issue property in step with its analysis: one GET
 * (issue and property), the analysis, then at most one field-value POST and one issue edit that
 * carries the label operations and the property together. Nothing is written when the analysed
 * text and the analysis version match the stored summary, or when the results are unchanged.
 * Every write is idempotent, so duplicate, late and retried events leave the issue as one run does.
 */
export interface SyncResult {
  decision: SyncDecision;
  issue: JiraIssue;
  analysis: Analysis;
  /** The summary on the issue after this run; undefined when there is none. */
  stored: StoredSummary | undefined;
  plan?: WritePlan;
}

export async function syncIssue(client: JiraClient, issueId: string, config: AdminConfig, trigger: SyncTrigger): Promise<SyncResult> {
  const issue = await client.getIssue(issueId, { propertyKey: ISSUE_PROPERTY_KEY });
  const analysis = analyzeIssue(issueInputOf(issue, config.labelPrefix), toAnalysisConfig(config));
  const read = readStoredSummary(issue.property);
  if (read === 'invalid') log('warn', { event: 'stored-summary-invalid', issueId: issue.id, issueKey: issue.key, decision: 'rewriting' });
  const stored = read === 'invalid' ? undefined : read;

  if (!isProjectEnabled(config, issue.projectKey)) return { decision: 'project-disabled', issue, analysis, stored };
  if (stored && stored.textHash === analysis.textHash && stored.version === analysis.version) return { decision: 'unchanged', issue, analysis, stored };

  const plan = planWrites({ analysis, currentLabels: issue.labels, stored, config, trigger });
  if (!hasWrites(plan)) return { decision: 'unchanged', issue, analysis, stored, plan };

  await writeFields(client, issue.id, plan);
  const written = await editLabelsAndSummary(client, issue, plan, stored);
  return { decision: 'written', issue, analysis, stored: written, plan };
}

/** What the detector reads of a Jira issue: the app's own pattern labels are left out. */
export function issueInputOf(issue: JiraIssue, labelPrefix: string): IssueInput {
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.summary,
    ...(issue.description === null ? {} : { description: issue.description }),
    components: issue.components,
    labels: issue.labels.filter((label) => !isPatternLabel(labelPrefix, label)),
  };
}

async function writeFields(client: JiraClient, issueId: string, plan: WritePlan): Promise<void> {
  if (plan.patternsValue === undefined && plan.complexityValue === undefined) return;
  await client.setFieldValues(fieldUpdatesOf(await findAppFields(client), issueId, plan));
}

/** The ids of the app's two custom fields on this site (cached in KVS after the first lookup). */
export async function findAppFields(client: JiraClient): Promise<AppFields> {
  const fieldIds = await client.findAppFieldIds([MODULE_KEYS.patternsField, MODULE_KEYS.complexityField]);
  const patternsField = fieldIds.get(MODULE_KEYS.patternsField);
  const complexityField = fieldIds.get(MODULE_KEYS.complexityField);
  if (!patternsField || !complexityField) {
    throw new Error(`Jira lists no custom field for the modules ${MODULE_KEYS.patternsField} and ${MODULE_KEYS.complexityField}: is the app installed with its current manifest?`);
  }
  return { patternsField, complexityField };
}

export interface AppFields {
  patternsField: string;
  complexityField: string;
}

/** The field values a plan writes to an issue. */
export function fieldUpdatesOf(fields: AppFields, issueId: string, plan: WritePlan): FieldValueUpdate[] {
  const updates: FieldValueUpdate[] = [];
  if (plan.patternsValue !== undefined) updates.push({ fieldId: fields.patternsField, issueId, value: plan.patternsValue });
  if (plan.complexityValue !== undefined) updates.push({ fieldId: fields.complexityField, issueId, value: plan.complexityValue });
  return updates;
}

/**
 * One edit with the label operations and the summary. When the project's edit screen lacks the
 * Labels field Jira rejects the whole edit, so the summary is stored alone, recording the failure.
 */
export async function editLabelsAndSummary(client: JiraClient, issue: JiraIssue, plan: WritePlan, stored: StoredSummary | undefined): Promise<StoredSummary> {
  const property = (summary: StoredSummary) => [{ key: ISSUE_PROPERTY_KEY, value: summary }];
  try {
    await client.editIssue(issue.id, {
      addLabels: plan.addLabels,
      removeLabels: plan.removeLabels,
      ...(plan.writeSummary ? { properties: property(plan.summary) } : {}),
    });
    return plan.summary;
  } catch (error) {
    if (!(error instanceof LabelNotOnScreenError)) throw error;
    log('warn', { event: 'labels-not-on-screen', issueId: issue.id, issueKey: issue.key, decision: 'fields-and-summary-only', error: { name: error.name, status: error.status } });
    const { summary } = withoutLabelOperations(plan, issue, stored);
    await client.editIssue(issue.id, { properties: property(summary) });
    return summary;
  }
}

/** The plan for a project whose edit screen has no Labels field: no label operation, the summary records why. */
export function withoutLabelOperations(plan: WritePlan, issue: JiraIssue, stored: StoredSummary | undefined): WritePlan {
  return {
    ...plan,
    addLabels: [],
    removeLabels: [],
    writeSummary: true,
    summary: { ...plan.summary, labelsAdded: (stored?.labelsAdded ?? []).filter((label) => issue.labels.includes(label)), labelsNotOnScreen: true },
  };
}
