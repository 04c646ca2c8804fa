import { makeEvidence } from './detect/evidence';
import { PhraseMatcher, type PhraseMatch, type PhraseSpec } from './detect/phraseMatcher';
import type { TokenizedField } from './detect/tokenize';
import type { ComplexityFactor, ComplexityFactorId, ComplexityResult, Evidence, PatternResult, ProviderMatch } from './types';

/** The spec's `assess_integration_complexity`: base 2, factor points, capped at 10. */
export const COMPLEXITY_BASE = 2;
export const COMPLEXITY_MAX = 10;
export const COMPLEXITY_POINTS: Record<ComplexityFactorId, number> = {
  multiple_services: 3,
  real_time_sync: 2,
  security_sensitive: 2,
  high_volume: 2,
  cross_region: 1,
  legacy_system: 2,
};

/**
 * Words that trigger each text factor: the spec's own words first (matched as words, not
 * substrings), then close synonyms. The spec's code has no words for cross_region and
 * legacy_system (it forgets both factors); these are ours.
 */
const FACTOR_WORDS: Record<Exclude<ComplexityFactorId, 'multiple_services'>, { reason: string; phrases: string[] }> = {
  real_time_sync: {
    reason: 'Real-time or immediate propagation is expected',
    phrases: ['real time', 'realtime', 'instant', 'instantly', 'immediate', 'immediately', 'near real time', 'live update*', 'live sync*'],
  },
  security_sensitive: {
    reason: 'Security-critical: authentication, authorisation, secrets or signatures are involved',
    phrases: ['security', 'secure', 'authenticat*', 'authoriz*', 'oauth*', 'jwt', 'hmac', 'signature verification', 'credential*', 'encrypt*', 'api key*', 'access token*', 'client secret*', 'tls', 'ssl', 'certificate*', 'password*', 'pii', 'gdpr'],
  },
  high_volume: {
    reason: 'High-volume or performance-sensitive data processing',
    phrases: ['bulk', 'volume', 'volumes', 'scale', 'scaling', 'scalab*', 'performance', 'throughput', 'high load', 'heavy load', 'load test*', 'million*', 'large dataset*', 'large data set*', 'large volume*'],
  },
  cross_region: {
    reason: 'Crosses regions or data centres',
    phrases: ['cross region', 'multi region', 'multiregion', 'region', 'regions', 'regional', 'data center*', 'datacenter*', 'data centre*', 'availability zone*', 'geo replicat*', 'geo redundan*'],
  },
  legacy_system: {
    reason: 'Integrates with a legacy or retiring system',
    phrases: ['legacy', 'mainframe', 'cobol', 'as400', 'as 400', 'end of life', 'deprecated api*', 'api retirement', 'retired api*', 'sunset*', 'outdated version*', 'old version*'],
  },
};

export type TextFactorId = keyof typeof FACTOR_WORDS;
const TEXT_FACTORS = Object.keys(FACTOR_WORDS) as TextFactorId[];
const EVIDENCE_PER_FACTOR = 3;

/**
 * The text factors' phrases, for a matcher that finds them along with others in the same pass
 * over the words (the default strategy's does); assessComplexity then takes its matches.
 */
export const FACTOR_PHRASES: readonly { spec: PhraseSpec; factor: TextFactorId }[] = TEXT_FACTORS.map((factor) => ({
  spec: { term: factor, phrases: FACTOR_WORDS[factor].phrases },
  factor,
}));

const factorMatcher = new PhraseMatcher<TextFactorId>(FACTOR_PHRASES.map(({ spec, factor }) => ({ spec, payload: factor })));

/** Where the text factors' phrases occur in the fields, in word order. */
export function findFactors(fields: readonly TokenizedField[]): PhraseMatch<TextFactorId>[] {
  const found: PhraseMatch<TextFactorId>[] = [];
  for (const field of fields) factorMatcher.match(field, found);
  return found;
}

/**
 * Scores integration complexity 0..10 with every factor of the spec, each applied factor
 * reported with why. Words count in prose only: a stack trace saying "Security" is no reason.
 * `found` are the factor phrases in `fields` (findFactors), when a matcher found them already.
 */
export function assessComplexity(
  fields: readonly TokenizedField[],
  patterns: readonly PatternResult[],
  providers: readonly ProviderMatch[],
  found: readonly PhraseMatch<TextFactorId>[] = findFactors(fields),
): ComplexityResult {
  const evidence = new Map<TextFactorId, Evidence[]>();
  for (const m of found) {
    if (m.kind !== 'prose') continue;
    const list = evidence.get(m.payload) ?? [];
    if (list.length < EVIDENCE_PER_FACTOR) list.push(makeEvidence(m.field, fields.find((f) => f.field === m.field)!.pieces, m.start, m.end, m.payload, m.kind));
    evidence.set(m.payload, list);
  }

  const factors: ComplexityFactor[] = [];
  if (patterns.length > 1 || providers.length > 1) {
    const what = [
      patterns.length > 1 ? `${patterns.length} integration patterns (${patterns.map((p) => p.id).join(', ')})` : '',
      providers.length > 1 ? `${providers.length} providers (${providers.map((p) => p.name).join(', ')})` : '',
    ].filter(Boolean);
    factors.push({ id: 'multiple_services', points: COMPLEXITY_POINTS.multiple_services, reason: `Involves ${what.join(' and ')}`, evidence: [] });
  }
  for (const id of TEXT_FACTORS) {
    const found = evidence.get(id);
    if (found) factors.push({ id, points: COMPLEXITY_POINTS[id], reason: FACTOR_WORDS[id].reason, evidence: found });
  }
  const raw = factors.reduce((sum, f) => sum + f.points, COMPLEXITY_BASE);
  return { score: Math.min(raw, COMPLEXITY_MAX), base: COMPLEXITY_BASE, factors };
}
