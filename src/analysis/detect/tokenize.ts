import type { FieldName, FieldText, SegmentKind } from '../types';

/** One word of a field: letters and digits; anything else separates words. */
export interface Token {
  /** Lower-cased, plural-stripped form used for matching. */
  norm: string;
  start: number;
  end: number;
  kind: SegmentKind;
}

export interface TokenizedField {
  field: FieldName;
  text: string;
  tokens: Token[];
}

const MAX_TOKEN_LENGTH = 64;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * The matching form of a word: lower case, a plural `s`/`ies` removed and British `-ise`
 * spellings folded into `-ize`, so "timeouts", "Timeout" and "TIMEOUT" compare equal and
 * "synchronise" equals "synchronize". Lexicon words go through the same function.
 */
export function normalizeWord(word: string): string {
  return normalizeLower(word.toLowerCase());
}

/** normalizeWord for a word already in lower case (the tokenizer lower-cases a field once). */
function normalizeLower(word: string): string {
  let w = word;
  const n = w.length;
  if (n > 3 && w.charCodeAt(n - 1) === 115 /* s */) {
    const prev = w.charCodeAt(n - 2);
    if (n > 4 && prev === 101 /* e */ && w.charCodeAt(n - 3) === 105 /* i */) w = w.slice(0, -3) + 'y';
    // keep "status", "class", "analysis"; "https" is folded to "http" on purpose
    else if (prev !== 115 && prev !== 117 /* u */ && prev !== 105 /* i */) w = w.slice(0, -1);
  }
  if (w.length > 5 && w.includes('is', w.length - 7)) {
    const i = w.indexOf('is', w.length - 7);
    if (i > 0 && BRITISH_SUFFIX.test(w.slice(i))) w = w.slice(0, i) + 'iz' + w.slice(i + 2);
  }
  return w;
}

const BRITISH_SUFFIX = /^is(e|ed|ing|ation|ations)$/;

/** Splits a field into tokens in one pass, labelling each with the kind of span it starts in. */
export function tokenizeField(field: FieldText): TokenizedField {
  const { text, spans } = field;
  // One lower-casing for the whole field; per-character fallback keeps offsets where a
  // character's lower case is longer (U+0130).
  let lower = text.toLowerCase();
  if (lower.length !== text.length) lower = [...text].map((ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
  const tokens: Token[] = [];
  let spanIndex = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    if (i - start > MAX_TOKEN_LENGTH) continue;
    while (spanIndex < spans.length && spans[spanIndex]!.end <= start) spanIndex++;
    const span = spans[spanIndex];
    const kind: SegmentKind = span !== undefined && span.start <= start ? span.kind : 'prose';
    tokens.push({ norm: normalizeLower(lower.slice(start, i)), start, end: i, kind });
  }
  return { field: field.field, text, tokens };
}
