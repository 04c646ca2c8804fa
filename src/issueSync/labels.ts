import { PATTERN_IDS, type PatternId } from '../analysis/types';
import { PATTERN_LABEL_SUFFIX } from '../config/schema';

/**
 * The labels the app puts on issues: the configured prefix and a pattern's suffix, e.g.
 * `integration-webhook`. A label of this form is the app's vocabulary: the detector never reads
 * it (so the app's own labels cannot feed back into the analysis), and a change to such labels
 * alone does not trigger an analysis.
 */
export function patternLabel(prefix: string, pattern: PatternId): string {
  return prefix + PATTERN_LABEL_SUFFIX[pattern];
}

export function isPatternLabel(prefix: string, label: string): boolean {
  return PATTERN_IDS.some((pattern) => patternLabel(prefix, pattern) === label);
}
