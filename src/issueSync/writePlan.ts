import type { Analysis, PatternId } from '../analysis/types';
import type { AdminConfig } from '../config/schema';
import { patternLabel } from './labels';
import { detectedPatterns, sameList, sameResults, topConfidence, type StoredSummary } from './storedSummary';

/**
 * What to write to an issue after analysing it, compared with what the app stored last time: only
 * the fields whose value changed, labels for newly detected patterns (never a label already on the
 * issue), removals limited to labels the app itself added (and only when the admin asked for it),
 * and the new summary when any result changed. Pure: src/issueSync/syncIssue.ts performs it.
 */
export type SyncTrigger = 'created' | 'updated';

export interface WritePlan {
  /** New value of the "Integration patterns" field (null clears it); undefined leaves it alone. */
  patternsValue?: PatternId[] | null;
  /** New value of the "Integration complexity" field; undefined leaves it alone. */
  complexityValue?: number;
  addLabels: string[];
  removeLabels: string[];
  /** The summary to store once the writes succeed. */
  summary: StoredSummary;
  /** Whether the stored summary has to change (labels and the summary travel in one edit). */
  writeSummary: boolean;
}

export interface WritePlanInput {
  analysis: Analysis;
  /** Every label on the issue now, the app's included. */
  currentLabels: readonly string[];
  stored: StoredSummary | undefined;
  config: AdminConfig;
  trigger: SyncTrigger;
}

export function planWrites({ analysis, currentLabels, stored, config, trigger }: WritePlanInput): WritePlan {
  const patterns = detectedPatterns(analysis);
  const complexity = analysis.complexity.score;
  const previousPatterns = stored?.patterns ?? [];
  const onIssue = new Set(currentLabels);

  const autoLabel = trigger === 'created' ? config.autoLabelOnCreate : config.autoLabelOnUpdate;
  const newPatterns = patterns.filter((pattern) => !previousPatterns.includes(pattern));
  const addLabels = autoLabel ? newPatterns.map((pattern) => patternLabel(config.labelPrefix, pattern)).filter((label) => !onIssue.has(label)) : [];

  // A label the app added and a person removed since is gone from `onIssue`: it is neither removed nor re-added.
  const ownLabels = (stored?.labelsAdded ?? []).filter((label) => onIssue.has(label));
  const lostPatterns = previousPatterns.filter((pattern) => !patterns.includes(pattern));
  const lostLabels = new Set(lostPatterns.map((pattern) => patternLabel(config.labelPrefix, pattern)));
  const removeLabels = config.removeOwnLabels ? ownLabels.filter((label) => lostLabels.has(label)) : [];

  const labelsAdded = [...new Set([...ownLabels.filter((label) => !removeLabels.includes(label)), ...addLabels])].sort();
  const summary: StoredSummary = {
    version: analysis.version,
    textHash: analysis.textHash,
    patterns,
    complexity,
    topConfidence: topConfidence(analysis),
    labelsAdded,
    labelsNotOnScreen: addLabels.length > 0 || removeLabels.length > 0 ? false : (stored?.labelsNotOnScreen ?? false),
  };
  return {
    ...(sameList(previousPatterns, patterns) ? {} : { patternsValue: patterns.length > 0 ? patterns : null }),
    ...(stored?.complexity === complexity ? {} : { complexityValue: complexity }),
    addLabels,
    removeLabels,
    summary,
    writeSummary: !stored || !sameResults(stored, summary),
  };
}

/** Whether the plan writes anything at all. */
export function hasWrites(plan: WritePlan): boolean {
  return plan.patternsValue !== undefined || plan.complexityValue !== undefined || plan.addLabels.length > 0 || plan.removeLabels.length > 0 || plan.writeSummary;
}
