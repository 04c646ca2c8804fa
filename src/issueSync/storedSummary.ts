import { z } from 'zod';
import { PATTERN_IDS, type Analysis, type PatternId } from '../analysis/types';

/**
 * The analysis summary the app stores in the issue property `integration-radar`. It records what
 * the app last wrote (so an event writes only what changed, and a duplicate or late event writes
 * nothing), and `jira:entityProperty` indexes `patterns`, `complexity` and `topConfidence` for JQL
 * (`integrationPattern = webhook_issues`). Kept small: an issue property holds at most 32,768
 * characters (https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/).
 */
export const StoredSummarySchema = z.object({
  /** ANALYSIS_VERSION of the analysis that produced it. */
  version: z.number().int().positive(),
  /** Analysis.textHash: the analysed text with the analysis settings. */
  textHash: z.string().min(1).max(64),
  /** Detected patterns in PATTERN_IDS order; the value of the "Integration patterns" field. */
  patterns: z.array(z.enum(PATTERN_IDS)),
  /** The value of the "Integration complexity" field. */
  complexity: z.number().min(0).max(10),
  /** The highest pattern confidence, rounded to 2 decimals; 0 when nothing was detected. */
  topConfidence: z.number().min(0),
  /** Labels the app added and that are still on the issue: the only labels it may ever remove. */
  labelsAdded: z.array(z.string()),
  /** The last label write failed: the project's edit screen has no Labels field. */
  labelsNotOnScreen: z.boolean(),
});

export type StoredSummary = z.infer<typeof StoredSummarySchema>;

/** The stored summary, `undefined` when there is none, `'invalid'` when the property does not have the expected shape. */
export function readStoredSummary(value: unknown): StoredSummary | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  const parsed = StoredSummarySchema.safeParse(value);
  return parsed.success ? parsed.data : 'invalid';
}

/** Detected pattern ids in PATTERN_IDS order, so equal detections give equal field values. */
export function detectedPatterns(analysis: Analysis): PatternId[] {
  const detected = new Set(analysis.patterns.map((pattern) => pattern.id));
  return PATTERN_IDS.filter((id) => detected.has(id));
}

export function topConfidence(analysis: Analysis): number {
  const best = Math.max(0, ...analysis.patterns.map((pattern) => pattern.confidence));
  return Math.round(best * 100) / 100;
}

/** Whether two summaries record the same results; the text hash and version only say what was analysed. */
export function sameResults(a: StoredSummary, b: StoredSummary): boolean {
  return (
    sameList(a.patterns, b.patterns) &&
    a.complexity === b.complexity &&
    a.topConfidence === b.topConfidence &&
    sameList(a.labelsAdded, b.labelsAdded) &&
    a.labelsNotOnScreen === b.labelsNotOnScreen
  );
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Whether the stored results are those of this analysis (the same text, or the same outcome from changed text). */
export function recordsAnalysis(stored: StoredSummary, analysis: Analysis): boolean {
  if (stored.textHash === analysis.textHash && stored.version === analysis.version) return true;
  return sameList(stored.patterns, detectedPatterns(analysis)) && stored.complexity === analysis.complexity.score && stored.topConfidence === topConfidence(analysis);
}
