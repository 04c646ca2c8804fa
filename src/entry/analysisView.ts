import type { Analysis } from '../analysis/types';
import { toGherkin, toMarkdown, toXrayCsv, type ExportMeta } from '../analysis/export';
import type { AnalysisExports, IssueAnalysisView } from '../contract';
import type { JiraIssue } from '../jira/client';
import { recordsAnalysis, type StoredSummary } from '../issueSync/storedSummary';

/** The test plan in the three export formats, titled with the issue when there is one. */
export function exportsOf(analysis: Analysis, issue?: { key?: string; summary: string }): AnalysisExports {
  const meta: ExportMeta = {
    ...(issue?.key ? { key: issue.key } : {}),
    ...(issue ? { summary: issue.summary } : {}),
    patterns: analysis.patterns.map(({ id, confidence }) => ({ id, confidence })),
    complexity: analysis.complexity.score,
  };
  return { markdown: toMarkdown(analysis.testPlan, meta), gherkin: toGherkin(analysis.testPlan, meta), xrayCsv: toXrayCsv(analysis.testPlan, meta) };
}

export function issueAnalysisView(issue: JiraIssue, analysis: Analysis, stored: StoredSummary | undefined, projectEnabled: boolean): IssueAnalysisView {
  return {
    issue: { id: issue.id, key: issue.key, summary: issue.summary },
    analysis,
    stored: stored
      ? { upToDate: recordsAnalysis(stored, analysis), labelsAdded: stored.labelsAdded, labelsNotOnScreen: stored.labelsNotOnScreen }
      : null,
    projectEnabled,
  };
}
