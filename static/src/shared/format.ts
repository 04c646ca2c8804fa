import type { StrategyName } from '../../../src/analysis/types';

/**
 * The default strategy's confidence is a probability, shown as a whole percentage rounded down
 * (0.996 is not "100%"); the seed strategy reports the spec's raw keyword score instead.
 */
export function formatConfidence(confidence: number, strategy: StrategyName): string {
  return strategy === 'default' ? `${Math.floor(confidence * 100)}% confidence` : `score ${confidence.toFixed(2)}`;
}

/**
 * A count with thousands separators, as `toLocaleString('en')` writes it (12,345). Written out
 * because the browser's first Intl number formatting loads locale data: about 100 ms on a slow
 * machine, spent on the panel's first render.
 */
export function formatCount(count: number): string {
  return String(Math.trunc(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
