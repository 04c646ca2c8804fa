import type { ComplexityFactor, ComplexityFactorId, ComplexityResult } from '../../../src/analysis/types';

/**
 * The top of the scale, as src/analysis/complexity.ts caps it. Not imported from there: that
 * module builds the detector's phrase matcher when loaded, which the pages have no use for.
 */
export const COMPLEXITY_MAX = 10;

export const FACTOR_NAMES: Readonly<Record<ComplexityFactorId, string>> = {
  multiple_services: 'Multiple services',
  real_time_sync: 'Real-time sync',
  security_sensitive: 'Security sensitive',
  high_volume: 'High volume',
  cross_region: 'Cross-region',
  legacy_system: 'Legacy system',
};

/** The factors that added the most points, most first (ties keep the core's order). */
export function topFactors(complexity: ComplexityResult, count: number): ComplexityFactor[] {
  return [...complexity.factors].sort((a, b) => b.points - a.points).slice(0, count);
}

/** Low (0-3), medium (4-6) or high (7-10): the meter's colour and the side panel's lozenge. */
export function complexityLevel(score: number): 'low' | 'medium' | 'high' {
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}
