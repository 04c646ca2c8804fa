import { CYRB_A as HASH_A, CYRB_B as HASH_B, TextDigest } from '../hash';
import type { TextPieces } from '../text/pieces';
import type { FieldName, FieldText, SegmentKind, Span } from '../types';

/** Kinds by index, as stored in TokenizedField.kinds. */
export const KIND_BY_INDEX: readonly SegmentKind[] = ['prose', 'code', 'url', 'stacktrace'];
const KIND_INDEX: Record<SegmentKind, number> = { prose: 0, code: 1, url: 2, stacktrace: 3 };

/**
 * A field split into words (runs of ASCII letters and digits), stored column-wise: a ticket
 * with a 1 MB description has ~150,000 words, and one object per word would keep the garbage
 * collector busier than the matching itself. Only the words a WordScreen lets through are
 * stored (with ALL_WORDS, every word): a phrase matcher starts phrases at those, and reads the
 * words around them from the field's code units (wordAfter, wordBefore). Normal forms are
 * computed on demand and cached by word.
 */
export interface TokenizedField {
  field: FieldName;
  pieces: TextPieces;
  /** The screen the words passed. */
  screen: WordScreen;
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
  /** normalizeWord of a word found by wordAfter or wordBefore. */
  normOf(word: Word): string;
  /** The code unit `at` characters into word i (as written, not case folded). */
  codeAt(i: number, at: number): number;
  /**
   * The first word (of the field's words, screened or not) starting at or after `from`, which
   * must not be inside a word; null if there is none, or if it starts more than `maxGap`
   * characters after `from`.
   */
  wordAfter(from: number, maxGap?: number): Word | null;
  /** The last word ending at or before `to`, which must not be inside a word; null if there is none. */
  wordBefore(to: number): Word | null;
}

/** A word found around a stored one: [start, end) in the field, with its wordHash and screenKey. */
export interface Word {
  start: number;
  end: number;
  hash: number;
  key: number;
}

/**
 * Which words a tokenizer keeps: a phrase matcher's first look at a word (PhraseMatcher.screen),
 * made of bitmaps over its wordHash and screenKey, so that most words of a ticket are dropped as
 * they are read, never stored nor looked at again. A word is kept when its hash is that of a
 * spelling of the first word of a one-word phrase (`single`); when its key is that of a
 * first-word prefix (`prefixes`) and, unless the prefix is shorter than LONG_KEY_LENGTH
 * (`shortPrefixes`), its longKey too (`longPrefixes`); or, for a word that only starts longer
 * phrases ("in" of "in sync", `lead`), when it and the next word are a pair some phrase starts
 * with, by their hashes (`pairs`) or the first's hash and the second's key (`prefixPairs`).
 */
export class WordScreen {
  readonly single = newScreenBitmap();
  readonly prefixes = newScreenBitmap();
  readonly shortPrefixes = newScreenBitmap();
  readonly longPrefixes = newScreenBitmap();
  readonly lead = newScreenBitmap();
  readonly pairs = newScreenBitmap(PAIR_SCREEN_BITS);
  readonly prefixPairs = newScreenBitmap(PAIR_SCREEN_BITS);

  /**
   * Whether a word may start with a first-word prefix, by its screenKey and its fifth code unit
   * (0 for a word of four characters or fewer: no word character is 0).
   */
  mayStartPrefix(key: number, fifth: number): boolean {
    const at = keyBit(key);
    return hasBit(this.prefixes, at) && (hasBit(this.shortPrefixes, at) || (fifth !== 0 && hasBit(this.longPrefixes, keyBit(longKey(key, fifth)))));
  }

  /** Whether a `lead` word, by its hash, and the word after it, by its hash and key, are a pair some phrase starts with. */
  startsPair(leadHash: number, hash: number, key: number): boolean {
    return hasBit(this.pairs, pairBit(leadHash, hash)) || hasBit(this.prefixPairs, pairBit(leadHash, key));
  }
}

/** Bits of a hash or key that index a screen bitmap (32 KB each). */
const SCREEN_BITS = 18;
/** Pairs are many more than words (every spelling of a first word with every one of a second): a 128 KB bitmap. */
const PAIR_SCREEN_BITS = 20;
/** Words of one phrase stand at most this many characters apart (a space, `-`, `/`...). */
export const MAX_WORD_GAP = 3;

function newScreenBitmap(bits = SCREEN_BITS): Uint32Array {
  return new Uint32Array((1 << bits) >>> 5);
}

/** The screen that keeps every word. */
export const ALL_WORDS = new WordScreen();
ALL_WORDS.single.fill(0xffffffff);

const MAX_TOKEN_LENGTH = 64;
/** What screenKey adds for a word's length: key = n·128ⁿ + its first n characters, n <= 4 (SCREEN_KEY_LENGTH). */
const KEY_LENGTH_MARK = [0, 1, 2, 3, 4].map((n) => n * 128 ** n);

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

/** A module constant, not an expression of an imported binding: this runs for every word. */
const SCREEN_SHIFT = WORD_HASH_BITS - SCREEN_BITS;

/** The bit of a wordHash in a screen bitmap. */
export function screenBit(hash: number): number {
  return hash >>> SCREEN_SHIFT;
}

/** The bit of a screenKey in a screen bitmap, spread (keys are dense in their low bits). */
export function keyBit(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - SCREEN_BITS);
}

/** Characters a long key holds: a screenKey and the next character. */
export const LONG_KEY_LENGTH = SCREEN_KEY_LENGTH + 1;

/** A number for a word's first five characters, from its screenKey and its fifth character. */
export function longKey(key: number, fifth: number): number {
  return (Math.imul(key, 31) + (fifth | 32)) | 0;
}

/** A bit for two words together: a first word's hash and the second's hash or screenKey. */
export function pairBit(first: number, second: number): number {
  return Math.imul(first ^ Math.imul(second, 0x9e3779b1), 0x85ebca6b) >>> (32 - PAIR_SCREEN_BITS);
}

export function hasBit(bitmap: Uint32Array, bit: number): boolean {
  return (bitmap[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

export function setBit(bitmap: Uint32Array, bit: number): void {
  bitmap[bit >>> 5]! |= 1 << (bit & 31);
}

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
  /** The fields' code units, one field after the other. */
  codes = new Uint16Array(0);

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

  /** Room for `length` code units in all; what is stored is not kept. */
  reserveCodes(length: number): void {
    if (length > this.codes.length) this.codes = new Uint16Array(Math.max(length, this.codes.length * 2, 1024));
  }
}

/** Columns larger than this (words or code units) are not kept for the next call. */
const KEPT_COLUMNS_LIMIT = 1 << 21;
let shared: TokenColumns | null = null;

/** Every field of an issue, tokenised, and the hash of their text. */
export interface TokenizedText {
  fields: TokenizedField[];
  /** hashTexts of the fields' texts with the given seed, computed while reading them. */
  textHash: string;
}

/**
 * Splits every field into words, keeping those `screen` lets through, in one set of columns
 * reused from call to call (see TokenColumns): the result is valid until the next call, which
 * suits an analysis that reads it and returns. The same pass hashes the text: reading a 1 MB
 * description a second time for its hash would cost more than the hashing.
 */
export function tokenizeFields(fields: readonly FieldText[], hashSeed = 0, screen: WordScreen = ALL_WORDS): TokenizedText {
  const columns = shared ?? new TokenColumns();
  shared = null;
  columns.reserveCodes(fields.reduce((sum, f) => sum + f.pieces.length, 0));
  const digest = new TextDigest(hashSeed);
  const result: TokenizedField[] = [];
  let used = 0;
  let codesUsed = 0;
  for (const field of fields) {
    const tokens = tokenizeInto(field, screen, columns, used, codesUsed, digest);
    digest.endText();
    used += tokens.count;
    codesUsed += field.pieces.length;
    result.push(tokens);
  }
  if (columns.starts.length <= KEPT_COLUMNS_LIMIT && columns.codes.length <= KEPT_COLUMNS_LIMIT) shared = columns;
  return { fields: result, textHash: digest.toString() };
}

/** Splits a field into words in one pass, labelling each with the kind of span it starts in. */
export function tokenizeField(field: FieldText, screen: WordScreen = ALL_WORDS): TokenizedField {
  const columns = new TokenColumns();
  columns.reserveCodes(field.pieces.length);
  return tokenizeInto(field, screen, columns, 0, 0, new TextDigest());
}

/**
 * tokenizeField, writing the field's code units into `columns` from `codesOffset` on, the words
 * `screen` keeps from index `offset` on, and every character into `digest`.
 */
function tokenizeInto(field: FieldText, screen: WordScreen, columns: TokenColumns, offset: number, codesOffset: number, digest: TextDigest): TokenizedField {
  const { pieces } = field;
  const n = pieces.length;
  // a loop over a typed array reads a character for less than charCodeAt does
  const codes = columns.codes.subarray(codesOffset, codesOffset + n);
  pieces.codesInto(codes, 0);
  const { single, lead } = screen;
  const words = new WordWriter(columns, offset, field.spans);
  /** A `lead` word waiting for the next word, which decides whether it is kept: its start, or -1. */
  let leadStart = -1;
  let leadEnd = 0;
  let leadKey = 0;
  let leadHash = 0;
  let { h1, h2 } = digest;
  let j = 0;
  while (j < n) {
    let c = codes[j]!;
    h1 = Math.imul(h1 ^ c, CYRB_A);
    h2 = Math.imul(h2 ^ c, CYRB_B);
    if (WORD_CHAR[c] === 0) {
      j++;
      continue;
    }
    const start = j;
    // the screen key (first four characters) and the hash are built while reading the word
    let key = 0;
    let hash = HASH_SEED;
    for (;;) {
      if (j - start < SCREEN_KEY_LENGTH) key = key * 128 + (c | 32);
      hash = Math.imul(hash ^ (c | 32), HASH_PRIME);
      if (++j === n) break;
      c = codes[j]!;
      if (WORD_CHAR[c] === 0) break;
      h1 = Math.imul(h1 ^ c, CYRB_A);
      h2 = Math.imul(h2 ^ c, CYRB_B);
    }
    const length = j - start;
    if (length > MAX_TOKEN_LENGTH) continue;
    hash &= WORD_HASH_MASK;
    key += KEY_LENGTH_MARK[length < SCREEN_KEY_LENGTH ? length : SCREEN_KEY_LENGTH]!;
    if (leadStart >= 0) {
      if (start - leadEnd <= MAX_WORD_GAP && screen.startsPair(leadHash, hash, key)) words.add(leadStart, leadEnd, leadKey, leadHash);
      leadStart = -1;
    }
    const bit = screenBit(hash);
    if (hasBit(single, bit) || screen.mayStartPrefix(key, length > SCREEN_KEY_LENGTH ? codes[start + SCREEN_KEY_LENGTH]! : 0)) {
      words.add(start, j, key, hash);
    } else if (hasBit(lead, bit)) {
      leadStart = start;
      leadEnd = j;
      leadKey = key;
      leadHash = hash;
    }
  }
  digest.h1 = h1;
  digest.h2 = h2;
  return words.finish(field, screen, codes);
}

/** Appends words to TokenColumns, each labelled with the kind of span it starts in. */
class WordWriter {
  private count: number;
  private readonly spans: SpanKinds;

  constructor(
    private readonly columns: TokenColumns,
    private readonly offset: number,
    spans: readonly Span[],
  ) {
    this.count = offset;
    this.spans = new SpanKinds(spans);
    columns.reserve(offset + 64, offset);
  }

  /** A word [start, end) with its screenKey and wordHash. */
  add(start: number, end: number, key: number, hash: number): void {
    const { columns } = this;
    const at = this.count;
    if (at === columns.starts.length) columns.reserve(at + 1, at);
    columns.starts[at] = start;
    columns.ends[at] = end;
    columns.keys[at] = key;
    columns.hashes[at] = hash;
    columns.kinds[at] = this.spans.kindAt(start);
    this.count = at + 1;
  }

  finish(field: FieldText, screen: WordScreen, codes: Uint16Array): TokenizedField {
    const { columns, offset, count } = this;
    return new FieldTokens(
      field.field,
      field.pieces,
      screen,
      codes,
      columns.starts.subarray(offset, count),
      columns.ends.subarray(offset, count),
      columns.kinds.subarray(offset, count),
      columns.keys.subarray(offset, count),
      columns.hashes.subarray(offset, count),
    );
  }
}

/** The kind of span at increasing offsets, read from flat arrays. */
class SpanKinds {
  private index = 0;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly kinds: Uint8Array;

  constructor(spans: readonly Span[]) {
    const count = spans.length;
    this.starts = new Int32Array(count + 1);
    this.ends = new Int32Array(count + 1);
    this.kinds = new Uint8Array(count + 1);
    for (let k = 0; k < count; k++) {
      const span = spans[k]!;
      this.starts[k] = span.start;
      this.ends[k] = span.end;
      this.kinds[k] = KIND_INDEX[span.kind];
    }
    this.starts[count] = this.ends[count] = 0x7fffffff;
  }

  /** Index into KIND_BY_INDEX of the span holding `at` (prose outside spans); `at` never decreases. */
  kindAt(at: number): number {
    const ends = this.ends;
    let index = this.index;
    while (ends[index]! <= at) index++;
    this.index = index;
    return this.starts[index]! <= at ? this.kinds[index]! : 0;
  }
}

class FieldTokens implements TokenizedField {
  readonly count: number;

  constructor(
    readonly field: FieldName,
    readonly pieces: TextPieces,
    readonly screen: WordScreen,
    private readonly codes: Uint16Array,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly kinds: Uint8Array,
    readonly keys: Int32Array,
    readonly hashes: Int32Array,
  ) {
    this.count = starts.length;
  }

  norm(t: number): string {
    return normalFormAt(this.codes, this.starts[t]!, this.ends[t]!, this.hashes[t]!);
  }

  normOf(word: Word): string {
    return normalFormAt(this.codes, word.start, word.end, word.hash);
  }

  codeAt(t: number, at: number): number {
    return this.codes[this.starts[t]! + at]!;
  }

  wordAfter(from: number, maxGap = Infinity): Word | null {
    const { codes } = this;
    const n = codes.length;
    let j = from;
    for (;;) {
      while (j < n && WORD_CHAR[codes[j]!] === 0) j++;
      if (j === n || j - from > maxGap) return null;
      const start = j;
      while (j < n && WORD_CHAR[codes[j]!] !== 0) j++;
      if (j - start <= MAX_TOKEN_LENGTH) return wordOf(codes, start, j);
      // longer words are not words to the tokenizer: the next one is further on
      if (maxGap !== Infinity) return null;
    }
  }

  wordBefore(to: number): Word | null {
    const { codes } = this;
    let j = to;
    for (;;) {
      while (j > 0 && WORD_CHAR[codes[j - 1]!] === 0) j--;
      if (j === 0) return null;
      const end = j;
      while (j > 0 && WORD_CHAR[codes[j - 1]!] !== 0) j--;
      if (end - j <= MAX_TOKEN_LENGTH) return wordOf(codes, j, end);
    }
  }
}

/** The word codes[start, end), with the hash and key the tokenizer gives it. */
function wordOf(codes: Uint16Array, start: number, end: number): Word {
  let hash = HASH_SEED;
  let key = 0;
  for (let k = start; k < end; k++) {
    const c = codes[k]! | 32;
    if (k - start < SCREEN_KEY_LENGTH) key = key * 128 + c;
    hash = Math.imul(hash ^ c, HASH_PRIME);
  }
  const length = end - start;
  return { start, end, hash: hash & WORD_HASH_MASK, key: key + KEY_LENGTH_MARK[length < SCREEN_KEY_LENGTH ? length : SCREEN_KEY_LENGTH]! };
}

/**
 * Normal forms by wordHash, with the lower-case word each was built from (two words may share a
 * hash). A ticket repeats its words: a 1 MB description has ~150,000 words but a few thousand
 * distinct ones, so most look-ups build no string.
 */
const normalForms = new Map<number, { lower: string; norm: string }>();
const NORMAL_FORMS_LIMIT = 50_000;

function normalFormAt(codes: Uint16Array, start: number, end: number, hash: number): string {
  const known = normalForms.get(hash);
  if (known !== undefined && sameWordFolded(known.lower, codes, start, end)) return known.norm;
  let lower = '';
  for (let k = start; k < end; k++) lower += String.fromCharCode(codes[k]! | 32);
  const norm = normalizeLower(lower);
  if (normalForms.size >= NORMAL_FORMS_LIMIT) normalForms.clear();
  normalForms.set(hash, { lower, norm });
  return norm;
}

/** Whether codes[start, end) is `lower` once case folded (words are ASCII letters and digits). */
function sameWordFolded(lower: string, codes: Uint16Array, start: number, end: number): boolean {
  if (lower.length !== end - start) return false;
  for (let k = 0; k < lower.length; k++) if (lower.charCodeAt(k) !== (codes[start + k]! | 32)) return false;
  return true;
}

function resized(array: Int32Array, capacity: number, keep: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(array.subarray(0, keep));
  return next;
}
