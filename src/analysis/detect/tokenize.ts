import type { FieldName, FieldText, SegmentKind } from '../types';

/** Kinds by index, as stored in TokenizedField.kinds. */
export const KIND_BY_INDEX: readonly SegmentKind[] = ['prose', 'code', 'url', 'stacktrace'];
const KIND_INDEX: Record<SegmentKind, number> = { prose: 0, code: 1, url: 2, stacktrace: 3 };

/**
 * A field split into words (runs of ASCII letters and digits), stored column-wise: a ticket
 * with a 1 MB description has ~150,000 words, and one object per word would keep the garbage
 * collector busier than the matching itself. Normal forms are computed on demand and cached,
 * since the matcher screens most words out by their first letters.
 */
export interface TokenizedField {
  field: FieldName;
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Index into KIND_BY_INDEX of the span each word starts in. */
  kinds: Uint8Array;
  /** screenKey of each word. */
  keys: Int32Array;
  /** normalizeWord of word i. */
  norm(i: number): string;
}

const MAX_TOKEN_LENGTH = 64;

/** 1 for ASCII letters and digits. */
const WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD_CHAR[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;

/**
 * The matching form of a word: lower case, a plural `s`/`ies` removed and British `-ise`
 * spellings folded into `-ize`, so "timeouts", "Timeout" and "TIMEOUT" compare equal and
 * "synchronise" equals "synchronize". Lexicon words go through the same function.
 */
export function normalizeWord(word: string): string {
  return normalizeLower(word.toLowerCase());
}

/** normalizeWord for a word already in lower case. */
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

/** Lower case with the same length as `text`, so offsets in one are offsets in the other. */
export function lowerKeepingOffsets(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/**
 * A number for the first three characters of a word (all of it when shorter), case folded:
 * normal forms keep these characters, so the matcher can screen words without building them.
 * Words are ASCII letters and digits, where setting bit 5 lower-cases a letter and keeps a digit.
 */
export function screenKey(word: string, start: number, end: number): number {
  const n = Math.min(3, end - start);
  let key = n;
  for (let k = 0; k < n; k++) key = key * 128 + (word.charCodeAt(start + k) | 32);
  return key;
}

/** Largest screenKey + 1: the size of a bitmap over all keys. */
export const SCREEN_KEY_LIMIT = 4 * 128 * 128 * 128;

/** Splits a field into words in one pass, labelling each with the kind of span it starts in. */
export function tokenizeField(field: FieldText): TokenizedField {
  const { text, spans } = field;
  let capacity = Math.max(16, text.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let keys = new Int32Array(capacity);
  let kinds = new Uint8Array(capacity);
  let count = 0;
  // spans as flat arrays: the loop below reads them for every word
  const spanCount = spans.length;
  const spanStarts = new Int32Array(spanCount + 1);
  const spanEnds = new Int32Array(spanCount + 1);
  const spanKinds = new Uint8Array(spanCount + 1);
  for (let k = 0; k < spanCount; k++) {
    const span = spans[k]!;
    spanStarts[k] = span.start;
    spanEnds[k] = span.end;
    spanKinds[k] = KIND_INDEX[span.kind];
  }
  spanStarts[spanCount] = spanEnds[spanCount] = 0x7fffffff;
  let spanIndex = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 128 || WORD_CHAR[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    // the screen key (first three characters, case folded) is built while reading them
    let key = 0;
    do {
      if (i - start < 3) key = key * 128 + (c | 32);
      c = ++i < n ? text.charCodeAt(i) : 0;
    } while (c < 128 && WORD_CHAR[c] === 1 && i < n);
    const length = i - start;
    if (length > MAX_TOKEN_LENGTH) continue;
    while (spanEnds[spanIndex]! <= start) spanIndex++;
    if (count === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      keys = grow(keys, capacity);
      const k = new Uint8Array(capacity);
      k.set(kinds);
      kinds = k;
    }
    starts[count] = start;
    ends[count] = i;
    keys[count] = length >= 3 ? key + 3 * 128 * 128 * 128 : screenKey(text, start, i);
    kinds[count] = spanStarts[spanIndex]! <= start ? spanKinds[spanIndex]! : 0;
    count++;
  }
  // Normal forms built so far: slot[t] is 1 + their index in `norms`, 0 when not built yet.
  // (A holey `new Array(count)` of 150,000 entries alone costs milliseconds.)
  const slot = new Int32Array(count);
  const norms: string[] = [];
  return {
    field: field.field,
    text,
    count,
    starts,
    ends,
    kinds,
    keys,
    norm(t: number): string {
      const at = slot[t]!;
      if (at > 0) return norms[at - 1]!;
      const w = normalizeLower(text.slice(starts[t], ends[t]).toLowerCase());
      slot[t] = norms.push(w);
      return w;
    },
  };
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(array);
  return next;
}
