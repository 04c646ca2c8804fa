import { patternById } from '../catalog';
import { makeEvidence } from './evidence';
import type { DetectionResult } from './defaultStrategy';
import { lowerKeepingOffsets, type TokenizedField } from './tokenize';
import type { Evidence, PatternId, PatternResult } from '../types';

/**
 * The spec's `detect_integration_pattern`, kept exactly as written for comparison: its own
 * keyword lists (which differ from the catalog's "Pattern Identification" lists), substring
 * matching on lower-cased text, score = (keywords x 0.7 + components x 0.3) x weight, kept
 * when >= 0.4, sorted by score. Its quirks are the point: mixed-case components ("REST",
 * "SendGrid", "HTTP") can never match the lower-cased text, "api" matches inside "rapid",
 * and it has no monitoring pattern.
 */
export const SEED_PATTERNS: readonly { id: PatternId; keywords: string[]; components: string[]; weight: number }[] = [
  { id: 'api_issues', keywords: ['api', 'endpoint', 'request', 'response', 'timeout'], components: ['REST', 'GraphQL', 'microservice', 'gateway'], weight: 1.0 },
  { id: 'external_service_issues', keywords: ['external', 'provider', 'third-party', 'service'], components: ['SendGrid', 'Twilio', 'FCM', 'APNS'], weight: 0.9 },
  { id: 'sync_issues', keywords: ['sync', 'synchronization', 'consistency', 'conflict'], components: ['database', 'cache', 'real-time', 'batch'], weight: 0.8 },
  { id: 'webhook_issues', keywords: ['webhook', 'callback', 'event', 'notification'], components: ['HTTP', 'payload', 'signature', 'retry'], weight: 0.9 },
];
export const SEED_THRESHOLD = 0.4;

/** The first occurrence of `needle` in the lower-cased fields, as the spec's `in` test finds it. */
function findFirst(lowered: readonly { field: TokenizedField; lower: string }[], needle: string): Evidence | null {
  for (const { field, lower } of lowered) {
    const at = lower.indexOf(needle);
    if (at >= 0) return makeEvidence(field.field, field.pieces, at, at + needle.length, needle, 'prose');
  }
  return null;
}

export function detectSeed(fields: readonly TokenizedField[]): DetectionResult {
  // str(ticket_data).lower(): every field's text, lower-cased.
  const lowered = fields.map((field) => ({ field, lower: lowerKeepingOffsets(field.pieces.toString()) }));
  const patterns: PatternResult[] = [];
  for (const seed of SEED_PATTERNS) {
    const keywordHits = seed.keywords.map((k) => [k, findFirst(lowered, k)] as const).filter(([, e]) => e !== null);
    const componentHits = seed.components.map((c) => [c, findFirst(lowered, c)] as const).filter(([, e]) => e !== null);
    const score = (keywordHits.length * 0.7 + componentHits.length * 0.3) * seed.weight;
    if (score >= SEED_THRESHOLD) {
      patterns.push({
        id: seed.id,
        name: patternById(seed.id).name,
        confidence: Math.round(score * 1000) / 1000,
        matchedKeywords: keywordHits.map(([k]) => k),
        matchedComponents: componentHits.map(([c]) => c),
        evidence: [...keywordHits, ...componentHits].map(([, e]) => e!),
      });
    }
  }
  // Python's sorted(..., reverse=True) is stable: ties keep the spec's pattern order.
  patterns.sort((a, b) => b.confidence - a.confidence);
  return { patterns, providers: [] };
}
