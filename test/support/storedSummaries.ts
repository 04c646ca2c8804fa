import type { Analysis } from '../../src/analysis/types';
import { detectedPatterns, topConfidence, type StoredSummary } from '../../src/issueSync/storedSummary';

/** The summary the app would have stored after writing this analysis, with overrides. */
export function summaryOf(analysis: Analysis, overrides: Partial<StoredSummary> = {}): StoredSummary {
  return {
    version: analysis.version,
    textHash: analysis.textHash,
    patterns: detectedPatterns(analysis),
    complexity: analysis.complexity.score,
    topConfidence: topConfidence(analysis),
    labelsAdded: [],
    labelsNotOnScreen: false,
    ...overrides,
  };
}
