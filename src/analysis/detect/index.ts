import { defaultWordScreen, detectDefault, type DetectionResult } from './defaultStrategy';
import { detectSeed } from './seedStrategy';
import { ALL_WORDS, type TokenizedField, type WordScreen } from './tokenize';
import type { AnalysisConfig } from '../types';

export type { DetectionResult } from './defaultStrategy';
export { tokenizeField, tokenizeFields, type TokenizedField } from './tokenize';

/**
 * The words detectPatterns needs tokenised for a config: the default strategy's matcher starts
 * phrases at few words and the rest need not be stored; the seed strategy (and findFactors,
 * which it leaves to assessComplexity) reads them all.
 */
export function wordScreenFor(config: AnalysisConfig): WordScreen {
  return config.strategy === 'seed' ? ALL_WORDS : defaultWordScreen(config);
}

/** Detects integration patterns (and, for the default strategy, providers) in tokenised fields. */
export function detectPatterns(fields: readonly TokenizedField[], config: AnalysisConfig): DetectionResult {
  return config.strategy === 'seed' ? detectSeed(fields) : detectDefault(fields, config);
}
