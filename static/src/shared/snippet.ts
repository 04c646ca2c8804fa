import { SNIPPET_RADIUS } from '../../../src/analysis/detect/evidence';
import type { Evidence } from '../../../src/analysis/types';

/** An evidence snippet cut around its matched phrase, for rendering the phrase highlighted. */
export interface SnippetParts {
  before: string;
  match: string;
  after: string;
}

/**
 * Splits `evidence.snippet` at the matched phrase. The core builds the snippet as up to
 * SNIPPET_RADIUS characters either side of the match, whitespace collapsed, with `…` where it is
 * cut (src/analysis/detect/evidence.ts), so the phrase is the occurrence nearest that position.
 * A phrase not found (e.g. cut by the collapsing) leaves the snippet unhighlighted.
 */
export function splitSnippet(evidence: Pick<Evidence, 'snippet' | 'phrase' | 'offset'>): SnippetParts {
  const { snippet } = evidence;
  const phrase = evidence.phrase.replace(/\s+/g, ' ').trim();
  if (phrase === '') return { before: snippet, match: '', after: '' };
  const expected = (snippet.startsWith('…') ? 1 : 0) + Math.min(evidence.offset, SNIPPET_RADIUS);
  let best = -1;
  for (let at = snippet.indexOf(phrase); at >= 0; at = snippet.indexOf(phrase, at + 1)) {
    if (best < 0 || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
  }
  if (best < 0) return { before: snippet, match: '', after: '' };
  return { before: snippet.slice(0, best), match: phrase, after: snippet.slice(best + phrase.length) };
}

/** One place in the ticket and every catalog term that matched there. */
export interface EvidenceAt extends Evidence {
  terms: string[];
}

/**
 * Evidence by place: the core reports a match once per term (a phrase can be both a keyword and
 * a component, or match two keywords), which would show the same snippet twice.
 */
export function evidenceByPlace(evidence: readonly Evidence[]): EvidenceAt[] {
  const places = new Map<string, EvidenceAt>();
  for (const item of evidence) {
    const key = `${item.field}:${item.offset}:${item.phrase}`;
    const place = places.get(key);
    if (!place) places.set(key, { ...item, terms: [item.term] });
    else if (!place.terms.includes(item.term)) place.terms.push(item.term);
  }
  return [...places.values()];
}
