import { detectDefault, type DetectionResult } from './defaultStrategy';
import { detectSeed } from './seedStrategy';
import type { TokenizedField } from './tokenize';
import type { AnalysisConfig } from '../types';

export type { DetectionResult } from './defaultStrategy';
export { tokenizeField, tokenizeFields, type TokenizedField } from './tokenize';

/** Detects integration patterns (and, for the default strategy, providers) in tokenised fields. */
export function detectPatterns(fields: readonly TokenizedField[], config: AnalysisConfig): DetectionResult {
  return config.strategy === 'seed' ? detectSeed(fields) : detectDefault(fields, config);
}
