import { assessComplexity } from './complexity';
import { detectPatterns, tokenizeFields, wordScreenFor } from './detect';
import { hashStrings } from './hash';
import { generateTestPlan } from './testcases';
import { extractIssue } from './text';
import { ANALYSIS_VERSION, type Analysis, type AnalysisConfig, type IssueInput } from './types';

/** Confidence at which the default strategy reports a pattern (tuned on labelled tickets; README). */
export const DEFAULT_THRESHOLD = 0.5;

export const DEFAULT_ANALYSIS_CONFIG: AnalysisConfig = Object.freeze({
  strategy: 'default',
  threshold: DEFAULT_THRESHOLD,
  extraKeywords: Object.freeze({}),
  customProviders: Object.freeze([]) as unknown as AnalysisConfig['customProviders'],
});

/**
 * The analysis core's one entry point: reads an issue's text, detects integration patterns and
 * providers, scores complexity and generates the test plan. Pure and deterministic: the same
 * issue and config give the same Analysis, in the CLI, the Forge app and the browser.
 */
export function analyzeIssue(issue: IssueInput, config: Partial<AnalysisConfig> = {}): Analysis {
  const settings: AnalysisConfig = { ...DEFAULT_ANALYSIS_CONFIG, ...config };
  const extracted = extractIssue(issue);
  const settingsKey = JSON.stringify([ANALYSIS_VERSION, settings.strategy, settings.threshold, settings.extraKeywords, settings.customProviders]);
  const { fields: tokenized, textHash } = tokenizeFields(extracted.fields, hashSeed(settingsKey), wordScreenFor(settings));
  const detection = detectPatterns(tokenized, settings);
  const complexity = assessComplexity(tokenized, detection.patterns, detection.providers, detection.factors);
  const testPlan = generateTestPlan(
    detection.patterns.map((p) => p.id),
    detection.providers.map((p) => p.id),
    settings.customProviders,
  );
  return {
    version: ANALYSIS_VERSION,
    ...(issue.key !== undefined ? { key: issue.key } : {}),
    strategy: settings.strategy,
    patterns: detection.patterns,
    providers: detection.providers,
    complexity,
    testPlan,
    textHash,
    analysedChars: extracted.fields.reduce((sum, f) => sum + f.pieces.length, 0),
    truncatedChars: extracted.truncatedChars,
    warnings: extracted.warnings,
  };
}

function hashSeed(settingsKey: string): number {
  return parseInt(hashStrings([settingsKey]).slice(-8), 16);
}
