import { PATTERNS, PROVIDERS } from '../catalog';
import { FACTOR_PHRASES, type TextFactorId } from '../complexity';
import { makeEvidence } from './evidence';
import { DEFAULT_LEXICON, OFF_TOPIC_SUBJECTS, type LexiconEntry } from './lexicon';
import { PhraseMatcher, type PhraseMatch, type PhraseSpec } from './phraseMatcher';
import type { TextPieces } from '../text/pieces';
import type { TokenizedField, WordScreen } from './tokenize';
import type {
  AnalysisConfig,
  Evidence,
  FieldName,
  PatternId,
  PatternResult,
  ProviderDefinition,
  ProviderMatch,
  SegmentKind,
} from '../types';

/** How much a mention counts by where it stands: the summary says what a ticket is about. */
export const FIELD_WEIGHTS: Record<FieldName, number> = { summary: 1.7, description: 1, components: 1.5, labels: 1.2 };
/** Prose says what the ticket is about; code, URLs and pasted stack traces mostly do not. */
export const KIND_WEIGHTS: Record<SegmentKind, number> = { prose: 1, code: 0.3, stacktrace: 0.1, url: 0 };
/**
 * Per-pattern calibration of the summed score, fitted on labelled real tickets (README,
 * "Accuracy") so that one threshold means about the same precision for every pattern: API
 * words are the most common in tickets that are not about integrations, so API scores shrink.
 */
const CALIBRATION: Record<PatternId, number> = {
  api_issues: 0.52,
  external_service_issues: 0.75,
  sync_issues: 1.15,
  webhook_issues: 1,
  monitoring_issues: 0.7,
};
/** Later mentions of the same term add less and less: 1st in full, then these shares. */
const REPEAT_SHARES = [1, 0.25, 0.1];
const EVIDENCE_PER_TERM = 3;
/** Weight of a configured extra keyword: a strong keyword. */
const EXTRA_KEYWORD_WEIGHT = 0.8;
const PROVIDER_WEIGHT = 1.1;
/**
 * Terms weighted below WEAK_TERM_WEIGHT ("request", "timeout", "alert") only support a
 * pattern: together they add at most WEAK_TERMS_CAP, so a pile of everyday words cannot make
 * a ticket an integration ticket on its own.
 */
const WEAK_TERM_WEIGHT = 0.4;
const WEAK_TERMS_CAP = 0.4;
/** Share of its weight a term keeps when a stronger pattern explains it (LexiconEntry.explainedBy). */
const EXPLAINED_SHARE = 0.35;
/** Share of every pattern's score kept when the summary names an off-topic subject (OFF_TOPIC_SUBJECTS). */
const OFF_TOPIC_SHARE = 0.5;
/**
 * A ticket is about a pattern when its summary (or components, labels) says so, or when the
 * description comes back to it: a single term mentioned only in the description keeps this share.
 */
const PASSING_MENTION_SHARE = 0.7;
/** Components this strong name a product (SendGrid, Prometheus, Shopify): naming one is never a passing mention. */
const NAMED_PRODUCT_WEIGHT = 1.0;
/** A product named in code (`Twilio::REST::Client`, `sendgrid.send(...)`) is still that product: code keeps this share. */
const PRODUCT_CODE_SHARE = 0.9;

/** `key` names the term a mention counts for (built once per matcher, not per mention). */
type Payload =
  | { type: 'lexicon'; entry: LexiconEntry; key: string }
  | { type: 'provider'; provider: ProviderDefinition; key: string }
  | { type: 'off_topic' }
  | { type: 'factor'; factor: TextFactorId };

export interface DetectionResult {
  patterns: PatternResult[];
  providers: ProviderMatch[];
  /** The complexity factors' phrases, when the strategy found them on its way (assessComplexity's `factors`). */
  factors?: PhraseMatch<TextFactorId>[];
}

interface Mention {
  score: number;
  field: FieldName;
  start: number;
  end: number;
  kind: SegmentKind;
}

interface TermHit {
  term: string;
  explainedBy?: PatternId[];
  role: 'keyword' | 'component';
  weight: number;
  /** Every mention's score, and where it stands; evidence is built for the best few only. */
  mentions: Mention[];
}

/** The term a provider's mentions count for, among a pattern's terms. */
function providerKey(provider: ProviderDefinition): string {
  return `provider:${provider.id}`;
}

const matcherCache = new Map<string, PhraseMatcher<Payload>>();
const MATCHER_CACHE_SIZE = 8;

/** The matcher for a config: the lexicon, the config's extra keywords, catalog and custom providers. */
function matcherFor(config: AnalysisConfig): PhraseMatcher<Payload> {
  const extras: LexiconEntry[] = [];
  for (const [pattern, words] of Object.entries(config.extraKeywords) as [PatternId, string[] | undefined][]) {
    for (const word of words ?? []) extras.push({ pattern, term: word, weight: EXTRA_KEYWORD_WEIGHT, role: 'keyword' });
  }
  const key = JSON.stringify([extras.map((e) => [e.pattern, e.term]), config.customProviders.map((p) => [p.id, p.aliases])]);
  let matcher = matcherCache.get(key);
  if (!matcher) {
    const entries: { spec: PhraseSpec; payload: Payload }[] = [
      ...[...DEFAULT_LEXICON, ...extras].map((entry) => ({ spec: entry, payload: { type: 'lexicon' as const, entry, key: `${entry.role}:${entry.term}` } })),
      ...[...PROVIDERS, ...config.customProviders].map((provider) => ({
        spec: { term: provider.name, phrases: provider.aliases },
        payload: { type: 'provider' as const, provider, key: providerKey(provider) },
      })),
      ...OFF_TOPIC_SUBJECTS.map((spec) => ({ spec, payload: { type: 'off_topic' as const } })),
      // found in the same pass over the words, for assessComplexity
      ...FACTOR_PHRASES.map(({ spec, factor }) => ({ spec, payload: { type: 'factor' as const, factor } })),
    ];
    matcher = new PhraseMatcher(entries);
    if (matcherCache.size >= MATCHER_CACHE_SIZE) matcherCache.delete(matcherCache.keys().next().value!);
    matcherCache.set(key, matcher);
  }
  return matcher;
}

/** The words the default strategy's matcher for `config` may start a phrase at: what tokenizeFields keeps. */
export function defaultWordScreen(config: AnalysisConfig): WordScreen {
  return matcherFor(config).screen;
}

function record(hits: Map<string, TermHit>, key: string, base: Omit<TermHit, 'mentions'>, mention: Mention): void {
  let hit = hits.get(key);
  if (!hit) {
    hit = { ...base, mentions: [] };
    hits.set(key, hit);
  }
  hit.mentions.push(mention);
}

/** The best few mentions, best first, in one pass (a term can be mentioned thousands of times). */
function bestMentions(mentions: readonly Mention[], count: number): Mention[] {
  const best: Mention[] = [];
  for (const m of mentions) {
    if (best.length === count && m.score <= best[count - 1]!.score) continue;
    let i = Math.min(best.length, count - 1);
    while (i > 0 && best[i - 1]!.score < m.score) i--;
    best.splice(i, 0, m);
    if (best.length > count) best.pop();
  }
  return best;
}

function termScore(hit: TermHit): number {
  return bestMentions(hit.mentions, REPEAT_SHARES.length).reduce((total, m, i) => total + m.score * REPEAT_SHARES[i]!, 0);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The default strategy: whole-word, inflection-aware phrase matching over extracted text,
 * each mention weighted by its term, its field and whether it stands in prose, code or a URL;
 * a pattern's summed score s becomes a confidence of 1 - e^(-s).
 */
export function detectDefault(fields: readonly TokenizedField[], config: AnalysisConfig): DetectionResult {
  const matcher = matcherFor(config);
  const texts = new Map<FieldName, TextPieces>();
  const matches: PhraseMatch<Payload>[] = [];
  for (const field of fields) {
    texts.set(field.field, field.pieces);
    matcher.match(field, matches);
  }

  const hitsByPattern = new Map<PatternId, Map<string, TermHit>>();
  const hitsFor = (pattern: PatternId): Map<string, TermHit> => {
    let hits = hitsByPattern.get(pattern);
    if (!hits) hitsByPattern.set(pattern, (hits = new Map()));
    return hits;
  };
  const providersSeen = new Map<string, ProviderDefinition>();
  let offTopic = false;
  const factors: PhraseMatch<TextFactorId>[] = [];
  for (const m of matches) {
    const { payload } = m;
    if (payload.type === 'factor') {
      factors.push({ payload: payload.factor, field: m.field, start: m.start, end: m.end, kind: m.kind });
      continue;
    }
    if (payload.type === 'off_topic') {
      offTopic ||= m.field === 'summary' && m.kind === 'prose';
      continue;
    }
    const mention: Mention = { score: 0, field: m.field, start: m.start, end: m.end, kind: m.kind };
    if (payload.type === 'provider') {
      mention.score = PROVIDER_WEIGHT * FIELD_WEIGHTS[m.field] * (m.kind === 'code' ? PRODUCT_CODE_SHARE : KIND_WEIGHTS[m.kind]);
      if (mention.score === 0) continue;
      providersSeen.set(payload.provider.id, payload.provider);
      record(hitsFor('external_service_issues'), payload.key, { term: payload.provider.name, role: 'component', weight: PROVIDER_WEIGHT }, mention);
      continue;
    }
    const { entry } = payload;
    const namesAProduct = entry.role === 'component' && entry.weight >= NAMED_PRODUCT_WEIGHT;
    const kindShare = m.kind !== 'code' ? KIND_WEIGHTS[m.kind] : (entry.codeShare ?? (namesAProduct ? PRODUCT_CODE_SHARE : KIND_WEIGHTS.code));
    mention.score = entry.weight * FIELD_WEIGHTS[m.field] * kindShare;
    if (mention.score === 0) continue;
    record(hitsFor(entry.pattern), payload.key, entry, mention);
  }
  const evidenceOf = (hit: TermHit): Evidence[] =>
    bestMentions(hit.mentions, EVIDENCE_PER_TERM).map((m) => makeEvidence(m.field, texts.get(m.field)!, m.start, m.end, hit.term, m.kind));

  const patternScore = (pattern: PatternId, hits: Map<string, TermHit>, explained: ReadonlySet<PatternId>) => {
    const scored = [...hits.values()]
      .map((hit) => ({ hit, score: termScore(hit) * (hit.explainedBy?.some((p) => explained.has(p)) ? EXPLAINED_SHARE : 1) }))
      .sort((a, b) => b.score - a.score);
    let strong = 0;
    let weak = 0;
    for (const s of scored) {
      if (s.hit.weight < WEAK_TERM_WEIGHT) weak += s.score;
      else strong += s.score;
    }
    const strongHits = scored.filter((s) => s.hit.weight >= WEAK_TERM_WEIGHT);
    const comesBack = strongHits.length > 1 || strongHits.some((s) => s.hit.mentions.length > 1);
    const onlyInDescription = scored.every((s) => s.hit.mentions.every((m) => m.field === 'description'));
    const namesAProduct = scored.some((s) => s.hit.role === 'component' && s.hit.weight >= NAMED_PRODUCT_WEIGHT);
    const passing = onlyInDescription && !comesBack && !namesAProduct;
    return { scored, total: CALIBRATION[pattern] * (strong + Math.min(weak, WEAK_TERMS_CAP)) * (offTopic ? OFF_TOPIC_SHARE : 1) * (passing ? PASSING_MENTION_SHARE : 1) };
  };
  // First pass without explaining away, to know which patterns are there and how strongly.
  const firstPass = new Map<PatternId, number>();
  for (const [id, hits] of hitsByPattern) firstPass.set(id, patternScore(id, hits, new Set()).total);

  const patterns: PatternResult[] = [];
  for (const definition of PATTERNS) {
    const hits = hitsByPattern.get(definition.id);
    if (!hits) continue;
    const own = firstPass.get(definition.id)!;
    const explainers = new Set([...firstPass].filter(([id, total]) => id !== definition.id && total > own && 1 - Math.exp(-total) >= config.threshold).map(([id]) => id));
    const { scored, total } = patternScore(definition.id, hits, explainers);
    const confidence = round3(1 - Math.exp(-total));
    if (confidence < config.threshold) continue;
    patterns.push({
      id: definition.id,
      name: definition.name,
      confidence,
      matchedKeywords: scored.filter((s) => s.hit.role === 'keyword').map((s) => s.hit.term),
      matchedComponents: scored.filter((s) => s.hit.role === 'component').map((s) => s.hit.term),
      evidence: scored.flatMap((s) => evidenceOf(s.hit)),
    });
  }
  patterns.sort((a, b) => b.confidence - a.confidence);

  const providerTerms = hitsByPattern.get('external_service_issues');
  const providers: ProviderMatch[] = [...providersSeen.values()].map((provider) => ({
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    evidence: evidenceOf(providerTerms!.get(providerKey(provider))!),
  }));
  return { patterns, providers, factors };
}
