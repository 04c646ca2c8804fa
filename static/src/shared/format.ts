import type { StrategyName } from '../../../src/analysis/types';

/**
 * The default strategy's confidence is a probability, shown as a whole percentage rounded down
 * (0.996 is not "100%"); the seed strategy reports the spec's raw keyword score instead.
 */
export function formatConfidence(confidence: number, strategy: StrategyName): string {
  return strategy === 'default' ? `${Math.floor(confidence * 100)}% confidence` : `score ${confidence.toFixed(2)}`;
}
