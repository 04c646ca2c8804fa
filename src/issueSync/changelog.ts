import { isPatternLabel } from './labels';

/**
 * Which `avi:jira:updated:issue` events can change an analysis. The detector reads the summary,
 * description, components and labels; an update whose changelog touches none of them (a status
 * change, an assignee, the app's own custom fields) cannot change the result, and neither can a
 * change limited to the app's own pattern labels, which the detector ignores. Changelog shape:
 * https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-events
 */
export interface ChangelogItem {
  field?: string;
  fieldId?: string;
  fromString?: string | null;
  toString?: string | null;
}

const ANALYSED_FIELDS = new Set(['summary', 'description', 'components']);

export function touchesAnalysedFields(items: readonly ChangelogItem[], labelPrefix: string): boolean {
  return items.some((item) => {
    const field = (item.fieldId ?? item.field ?? '').toLowerCase();
    if (ANALYSED_FIELDS.has(field) || field === 'component') return true;
    if (field !== 'labels') return false;
    return changedLabels(item).some((label) => !isPatternLabel(labelPrefix, label));
  });
}

/** Labels added or removed by a labels changelog item (Jira lists the labels space-separated). */
function changedLabels(item: ChangelogItem): string[] {
  const before = new Set(splitLabels(item.fromString));
  const after = new Set(splitLabels(item.toString));
  return [...[...after].filter((label) => !before.has(label)), ...[...before].filter((label) => !after.has(label))];
}

function splitLabels(value: string | null | undefined): string[] {
  return (value ?? '').split(/\s+/).filter((label) => label !== '');
}
