import { COMPLEXITY_MAX as CORE_MAX } from '../../../src/analysis/complexity';
import type { ComplexityResult } from '../../../src/analysis/types';
import { COMPLEXITY_MAX, complexityLevel, topFactors } from '../../../static/src/shared/complexity';

test('the pages use the core’s top of the scale', () => {
  expect(COMPLEXITY_MAX).toBe(CORE_MAX);
});

test('top factors are those with the most points, ties in the core’s order', () => {
  const complexity: ComplexityResult = {
    score: 8,
    base: 2,
    factors: [
      { id: 'cross_region', points: 1, reason: 'Crosses regions', evidence: [] },
      { id: 'real_time_sync', points: 2, reason: 'Real time', evidence: [] },
      { id: 'multiple_services', points: 3, reason: 'Several services', evidence: [] },
      { id: 'legacy_system', points: 2, reason: 'Legacy', evidence: [] },
    ],
  };
  expect(topFactors(complexity, 3).map((factor) => factor.id)).toEqual(['multiple_services', 'real_time_sync', 'legacy_system']);
});

test('levels: 0-3 low, 4-6 medium, 7-10 high', () => {
  expect([0, 3, 4, 6, 7, 10].map(complexityLevel)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
});
