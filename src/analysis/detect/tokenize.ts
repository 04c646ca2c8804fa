import { CYRB_A as HASH_A, CYRB_B as HASH_B, TextDigest } from '../hash';
import type { TextPieces } from '../text/pieces';
import type { FieldName, FieldText, SegmentKind, Span } from '../types';

/** Kinds by index, as stored in TokenizedField.kinds. */
export const KIND_BY_INDEX: readonly SegmentKind[] = ['prose', 'code', 'url', 'stacktrace'];
const KIND_INDEX: Record<SegmentKind, number> = { prose: 0, code: 1, url: 2, stacktrace: 3 };

/**
 * A field split into words (runs of ASCII letters and digits), stored column-wise: a ticket
 * with a 1 MB description has ~150,000 words, and one object per word would keep the garbage
 * collector busier than the matching itself. Normal forms are computed on demand and cached
 * by word, since the matcher screens most words out by their hash and first letters.
 */
export interface TokenizedField {
  field: FieldName;
  pieces: TextPieces;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Index into KIND_BY_INDEX of the span each word starts in. */
  kinds: Uint8Array;
  /** screenKey of each word. */
  keys: Int32Array;
  /** wordHash of each word. */
  hashes: Int32Array;
  /** normalizeWord of word i. */
  norm(i: number): string;
  /** The code unit `at` characters into word i (as written, not case folded). */
  codeAt(i: number, at: number): number;
}

const MAX_TOKEN_LENGTH = 64;

/** 1 for ASCII letters and digits, by UTF-16 code unit (one look-up, no range test). */
const WORD_CHAR = new Uint8Array(0x10000);
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

/** Characters a screenKey holds. */
export const SCREEN_KEY_LENGTH = 4;

/**
 * A number for the first four characters of a word (all of it when shorter), case folded, so
 * the matcher can screen words by how they start without building their normal forms.
 * Words are ASCII letters and digits, where setting bit 5 lower-cases a letter and keeps a digit.
 */
export function screenKey(word: string, start: number, end: number): number {
  const n = Math.min(SCREEN_KEY_LENGTH, end - start);
  let key = n;
  for (let k = 0; k < n; k++) key = key * 128 + (word.charCodeAt(start + k) | 32);
  return key;
}

// module constants: an imported binding would be a property load per character once compiled to CommonJS
const CYRB_A = HASH_A | 0;
const CYRB_B = HASH_B | 0;
const HASH_SEED = 0x811c9dc5;
const HASH_PRIME = 0x01000193;

/** Bits of a wordHash: 30, so that V8 keeps it a small integer (a 32-bit one is boxed when passed around). */
export const WORD_HASH_BITS = 30;
const WORD_HASH_MASK = (1 << WORD_HASH_BITS) - 1;

/**
 * FNV-1a of a word's characters, case folded as screenKey folds them, in WORD_HASH_BITS bits:
 * the tokenizer computes it for every word as it reads it, so the matcher can screen a word
 * against the exact words of its phrases without building the word's normal form. `word` is
 * ASCII letters and digits.
 */
export function wordHash(word: string): number {
  let h = HASH_SEED;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ (word.charCodeAt(k) | 32), HASH_PRIME);
  return h & WORD_HASH_MASK;
}

/**
 * Column storage kept between calls: filling freshly allocated typed arrays costs a page fault
 * per 4 KB on first touch, which for a 1 MB description's ~150,000 words took longer than
 * tokenising. Fields tokenised into one TokenColumns share it: they stay valid until the next
 * `tokenizeFields` call with the same columns.
 */
class TokenColumns {
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  keys = new Int32Array(0);
  hashes = new Int32Array(0);
  kinds = new Uint8Array(0);

  /** Room for `count` words from index 0, keeping what is stored below `keep`. */
  reserve(count: number, keep: number): void {
    if (count <= this.starts.length) return;
    const capacity = Math.max(count, this.starts.length * 2, 256);
    this.starts = resized(this.starts, capacity, keep);
    this.ends = resized(this.ends, capacity, keep);
    this.keys = resized(this.keys, capacity, keep);
    this.hashes = resized(this.hashes, capacity, keep);
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds.subarray(0, keep));
    this.kinds = kinds;
  }
}

/** Columns larger than this (words) are not kept for the next call. */
const KEPT_COLUMNS_LIMIT = 1 << 20;
let shared: TokenColumns | null = null;

/** Every field of an issue, tokenised, and the hash of their text. */
export interface TokenizedText {
  fields: TokenizedField[];
  /** hashTexts of the fields' texts with the given seed, computed while reading them. */
  textHash: string;
}

/**
 * Splits every field into words, in one set of columns reused from call to call (see
 * TokenColumns): the result is valid until the next call, which suits an analysis that reads
 * it and returns. The same pass hashes the text: reading a 1 MB description a second time for
 * its hash would cost more than the hashing.
 */
export function tokenizeFields(fields: readonly FieldText[], hashSeed = 0): TokenizedText {
  const columns = shared ?? new TokenColumns();
  shared = null;
  const digest = new TextDigest(hashSeed);
  const result: TokenizedField[] = [];
  let used = 0;
  for (const field of fields) {
    const tokens = tokenizeInto(field, columns, used, digest);
    digest.endText();
    used += tokens.count;
    result.push(tokens);
  }
  if (columns.starts.length <= KEPT_COLUMNS_LIMIT) shared = columns;
  return { fields: result, textHash: digest.toString() };
}

/** Splits a field into words in one pass, labelling each with the kind of span it starts in. */
export function tokenizeField(field: FieldText): TokenizedField {
  return tokenizeInto(field, new TokenColumns(), 0, new TextDigest());
}

/** tokenizeField, writing the words into `columns` from index `offset` on, and every character into `digest`. */
function tokenizeInto(field: FieldText, columns: TokenColumns, offset: number, digest: TextDigest): TokenizedField {
  const { pieces } = field;
  columns.reserve(offset + Math.max(16, pieces.length >> 3), offset);
  const words = new WordWriter(columns, offset, field.spans);
  // A word may run from one piece into the next (markup removed between its letters).
  const pieceCount = pieces.parts.length;
  let wordStart = -1;
  let key = 0;
  let hash = HASH_SEED;
  let { h1, h2 } = digest;
  for (let k = 0; k < pieceCount; k++) {
    // piece k is text[from, m) of the string it was copied from; base + j is j's offset in the field
    const text = pieces.source(k);
    const from = pieces.sourceStart(k);
    const m = from + pieces.parts[k]!.length;
    const base = pieces.offsetOf(k) - from;
    let j = from;
    if (wordStart >= 0) {
      for (; j < m; j++) {
        const c = text.charCodeAt(j);
        if (WORD_CHAR[c] === 0) break;
        h1 = Math.imul(h1 ^ c, CYRB_A);
        h2 = Math.imul(h2 ^ c, CYRB_B);
        if (base + j - wordStart < SCREEN_KEY_LENGTH) key = key * 128 + (c | 32);
        hash = Math.imul(hash ^ (c | 32), HASH_PRIME);
      }
      if (j === m) continue;
      words.add(wordStart, base + j, key, hash & WORD_HASH_MASK);
      wordStart = -1;
    }
    while (j < m) {
      let c = text.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, CYRB_A);
      h2 = Math.imul(h2 ^ c, CYRB_B);
      if (WORD_CHAR[c] === 0) {
        j++;
        continue;
      }
      const start = j;
      // the screen key (first four characters) and the hash are built while reading the word
      key = 0;
      hash = HASH_SEED;
      for (;;) {
        if (j - start < SCREEN_KEY_LENGTH) key = key * 128 + (c | 32);
        hash = Math.imul(hash ^ (c | 32), HASH_PRIME);
        if (++j === m) break;
        c = text.charCodeAt(j);
        if (WORD_CHAR[c] === 0) break;
        h1 = Math.imul(h1 ^ c, CYRB_A);
        h2 = Math.imul(h2 ^ c, CYRB_B);
      }
      if (j === m) {
        wordStart = base + start;
        break;
      }
      words.add(base + start, base + j, key, hash & WORD_HASH_MASK);
    }
  }
  if (wordStart >= 0) words.add(wordStart, pieces.length, key, hash & WORD_HASH_MASK);
  digest.h1 = h1;
  digest.h2 = h2;
  return words.finish(field);
}

/** Appends words to TokenColumns, each labelled with the kind of span it starts in. */
class WordWriter {
  private count: number;
  private spanIndex = 0;
  // spans as flat arrays: add() reads them for every word
  private readonly spanStarts: Int32Array;
  private readonly spanEnds: Int32Array;
  private readonly spanKinds: Uint8Array;
  // the columns' arrays, held here: add() runs for every word
  private starts: Int32Array;
  private ends: Int32Array;
  private keys: Int32Array;
  private hashes: Int32Array;
  private kinds: Uint8Array;

  constructor(
    private readonly columns: TokenColumns,
    private readonly offset: number,
    spans: readonly Span[],
  ) {
    this.count = offset;
    const spanCount = spans.length;
    this.spanStarts = new Int32Array(spanCount + 1);
    this.spanEnds = new Int32Array(spanCount + 1);
    this.spanKinds = new Uint8Array(spanCount + 1);
    for (let k = 0; k < spanCount; k++) {
      const span = spans[k]!;
      this.spanStarts[k] = span.start;
      this.spanEnds[k] = span.end;
      this.spanKinds[k] = KIND_INDEX[span.kind];
    }
    this.spanStarts[spanCount] = this.spanEnds[spanCount] = 0x7fffffff;
    ({ starts: this.starts, ends: this.ends, keys: this.keys, hashes: this.hashes, kinds: this.kinds } = columns);
  }

  /** A word [start, end) whose first characters make `key` (without its length) and whose wordHash is `hash`. */
  add(start: number, end: number, key: number, hash: number): void {
    const length = end - start;
    if (length > MAX_TOKEN_LENGTH) return;
    const spanEnds = this.spanEnds;
    let spanIndex = this.spanIndex;
    while (spanEnds[spanIndex]! <= start) spanIndex++;
    this.spanIndex = spanIndex;
    const at = this.count;
    if (at === this.starts.length) {
      this.columns.reserve(at + 1, at);
      ({ starts: this.starts, ends: this.ends, keys: this.keys, hashes: this.hashes, kinds: this.kinds } = this.columns);
    }
    this.starts[at] = start;
    this.ends[at] = end;
    this.keys[at] = key + KEY_LENGTH_MARK[length < SCREEN_KEY_LENGTH ? length : SCREEN_KEY_LENGTH]!;
    this.hashes[at] = hash;
    this.kinds[at] = this.spanStarts[spanIndex]! <= start ? this.spanKinds[spanIndex]! : 0;
    this.count = at + 1;
  }

  finish(field: FieldText): TokenizedField {
    const { columns, offset, count } = this;
    return new FieldTokens(
      field.field,
      field.pieces,
      columns.starts.subarray(offset, count),
      columns.ends.subarray(offset, count),
      columns.kinds.subarray(offset, count),
      columns.keys.subarray(offset, count),
      columns.hashes.subarray(offset, count),
    );
  }
}

class FieldTokens implements TokenizedField {
  readonly count: number;

  constructor(
    readonly field: FieldName,
    readonly pieces: TextPieces,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly kinds: Uint8Array,
    readonly keys: Int32Array,
    readonly hashes: Int32Array,
  ) {
    this.count = starts.length;
  }

  norm(t: number): string {
    return normalFormAt(this.pieces, this.starts[t]!, this.ends[t]!, this.hashes[t]!);
  }

  codeAt(t: number, at: number): number {
    return this.pieces.charCodeAt(this.starts[t]! + at);
  }
}

/** What screenKey adds for a word's length: key = n·128ⁿ + its first n characters, n <= 4. */
const KEY_LENGTH_MARK = Array.from({ length: SCREEN_KEY_LENGTH + 1 }, (_, n) => n * 128 ** n);

/**
 * Normal forms by wordHash, with the lower-case word each was built from (two words may share a
 * hash). A ticket repeats its words: a 1 MB description has ~150,000 words but a few thousand
 * distinct ones, so most look-ups build no string.
 */
const normalForms = new Map<number, { lower: string; norm: string }>();
const NORMAL_FORMS_LIMIT = 50_000;

function normalFormAt(pieces: TextPieces, start: number, end: number, hash: number): string {
  const piece = pieces.pieceAt(start);
  const base = pieces.offsetOf(piece);
  // a word within one piece (nearly all) is read there; one spread over pieces is joined first
  const withinPiece = end - base <= pieces.parts[piece]!.length;
  const text = withinPiece ? pieces.parts[piece]! : pieces.slice(start, end);
  const from = withinPiece ? start - base : 0;
  const to = from + end - start;
  const known = normalForms.get(hash);
  if (known !== undefined && sameWordFolded(known.lower, text, from, to)) return known.norm;
  // built char by char: a slice of `text` would keep a whole description alive in the cache
  let lower = '';
  for (let k = from; k < to; k++) lower += String.fromCharCode(text.charCodeAt(k) | 32);
  const norm = normalizeLower(lower);
  if (normalForms.size >= NORMAL_FORMS_LIMIT) normalForms.clear();
  normalForms.set(hash, { lower, norm });
  return norm;
}

/** Whether text[start, end) is `lower` once case folded (words are ASCII letters and digits). */
function sameWordFolded(lower: string, text: string, start: number, end: number): boolean {
  if (lower.length !== end - start) return false;
  for (let k = 0; k < lower.length; k++) if (lower.charCodeAt(k) !== (text.charCodeAt(start + k) | 32)) return false;
  return true;
}

function resized(array: Int32Array, capacity: number, keep: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(array.subarray(0, keep));
  return next;
}
