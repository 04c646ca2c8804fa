import { KIND_BY_INDEX, normalizeWord, SCREEN_KEY_LENGTH, screenKey, WORD_HASH_BITS, wordHash, type TokenizedField } from './tokenize';
import type { FieldName, SegmentKind } from '../types';

/**
 * A phrase to find in ticket text, in a small pattern language over words:
 * - words are separated by spaces; `-` and other punctuation in the ticket separate words too,
 *   so "third party" matches "third-party" and "Third Party";
 * - `a|b` means either word; `word*` any word starting with `word`;
 * - words are compared after normalizeWord (case, plural, -ise/-ize).
 */
export interface PhraseSpec {
  /** Display name and identity of the term, e.g. "timeout". */
  term: string;
  /** Alternative phrasings; defaults to [term]. */
  phrases?: string[];
  /** Match only where the ticket writes the first word exactly as the phrase does (e.g. "REST"). */
  caseSensitive?: boolean;
  /** Cancel the match when the word before it is one of these (normalised). */
  notAfterWords?: string[];
  /** Cancel the match when the word after it is one of these (normalised). */
  notBeforeWords?: string[];
}

interface WordTest {
  exact: Set<string>;
  prefixes: string[];
}

interface CompiledPhrase<T> {
  words: WordTest[];
  /** Raw first words for case-sensitive phrases. */
  rawFirst?: Set<string>;
  notAfter?: Set<string>;
  notBefore?: Set<string>;
  payload: T;
}

export interface PhraseMatch<T> {
  payload: T;
  field: FieldName;
  start: number;
  end: number;
  kind: SegmentKind;
}

function parseWord(word: string): WordTest {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const alt of word.split('|')) {
    if (alt.endsWith('*')) prefixes.push(alt.slice(0, -1).toLowerCase());
    else exact.add(normalizeWord(alt));
  }
  return { exact, prefixes };
}

function wordMatches(test: WordTest, norm: string): boolean {
  if (test.exact.has(norm)) return true;
  for (const p of test.prefixes) if (norm.startsWith(p)) return true;
  return false;
}

const PREFIX_KEY_LENGTH = 3;
/** Words of one phrase stand at most this many characters apart (a space, `-`, `/`...). */
const MAX_WORD_GAP = 3;
/** Bits of a hash that index a screen bitmap (32 KB each). */
const HASH_SCREEN_BITS = 18;
const WORD_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Pairs are many more than words (every spelling of a first word with every one of a second): a 128 KB bitmap. */
const PAIR_SCREEN_BITS = 20;

/**
 * Every lower-case spelling a ticket may use for a word whose normal form is `norm`: normalizeWord
 * only removes a plural `s` or `ies` and folds `-is(e|ed|ing|ation|ations)` into `-iz...`, so
 * these are the normal form with and without those changes. A superset is harmless: the
 * screen built from it only lets a word through to the real comparison.
 */
export function spellingsOf(norm: string): string[] {
  const stems = [norm];
  const british = /iz(e|ed|ing|ation|ations)$/.exec(norm);
  if (british) stems.push(norm.slice(0, british.index) + 'is' + norm.slice(british.index + 2));
  const forms: string[] = [];
  for (const stem of stems) {
    forms.push(stem, stem + 's');
    if (stem.endsWith('y')) forms.push(stem.slice(0, -1) + 'ies');
  }
  return forms;
}

/**
 * The screenKey of every word whose normal form starts with `prefix` (lower case, at least three
 * characters), or a superset. A normal form starts like the word it comes from except where
 * normalizeWord changed it: `ies` became `y` (skies → sky) or `-is` became `-iz` (realise →
 * realize), which shows in the first four characters only for short words.
 */
export function prefixScreenKeys(prefix: string): number[] {
  const keys: number[] = [];
  for (const head of headSpellings(prefix, SCREEN_KEY_LENGTH)) keys.push(...spellingKeys(head));
  return keys;
}

/**
 * The longKey of every word whose normal form starts with `prefix` (at least LONG_KEY_LENGTH
 * characters), or a superset: the second screen of a word that passed prefixScreenKeys.
 */
export function prefixLongKeys(prefix: string): number[] {
  return headSpellings(prefix, LONG_KEY_LENGTH)
    .filter((head) => head.length >= LONG_KEY_LENGTH)
    .map((head) => longKey(screenKey(head, 0, SCREEN_KEY_LENGTH), head.charCodeAt(SCREEN_KEY_LENGTH)));
}

/** How the first `length` characters of a word whose normal form starts with `prefix` may be written. */
function headSpellings(prefix: string, length: number): string[] {
  const head = prefix.slice(0, length);
  const heads = [head];
  // an `-is` folded into `-iz` (realise → realize)
  for (let at = head.indexOf('iz', 1); at >= 0; at = head.indexOf('iz', at + 1)) heads.push(head.slice(0, at) + 'is' + head.slice(at + 2));
  // a plural `ies` folded into `y` (skies → sky): the `y` ends the normal form
  for (const h of [...heads]) if (h.endsWith('y')) heads.push(h.slice(0, -1) + 'ie');
  return heads;
}

/** Characters a long key holds: a screenKey and the next character. */
export const LONG_KEY_LENGTH = SCREEN_KEY_LENGTH + 1;

/** A number for a word's first five characters, from its screenKey and its fifth character. */
export function longKey(key: number, fifth: number): number {
  return (Math.imul(key, 31) + (fifth | 32)) | 0;
}

/** Keys of the words that start with `head`: itself when it is a whole key, else it and every next character. */
function spellingKeys(head: string): number[] {
  if (head.length >= SCREEN_KEY_LENGTH) return [screenKey(head, 0, SCREEN_KEY_LENGTH)];
  return [screenKey(head, 0, head.length), ...[...WORD_CHARACTERS].map((c) => screenKey(head + c, 0, head.length + 1))];
}

/** A module constant, not an expression of an imported binding: this runs for every word. */
const SCREEN_SHIFT = WORD_HASH_BITS - HASH_SCREEN_BITS;

function screenBit(hash: number): number {
  return hash >>> SCREEN_SHIFT;
}

/** Spreads screenKeys (dense in their low bits) over the bitmap. */
function keyBit(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - HASH_SCREEN_BITS);
}

/**
 * Finds many phrases in tokenised text in one pass: candidates are looked up by the first
 * word (exact words in a map, prefixes in buckets by their first letters), then the following
 * tokens are compared. Time is linear in the number of tokens for a fixed lexicon.
 */
export class PhraseMatcher<T> {
  private readonly byExact = new Map<string, CompiledPhrase<T>[]>();
  private readonly byPrefix = new Map<string, { prefix: string; phrase: CompiledPhrase<T> }[]>();
  /*
   * Bitmaps a word must pass to be looked at, so that most words of a ticket are skipped without
   * building their normal form: the wordHash of every spelling of the first word of a one-word
   * phrase (`single`), the screenKey of every first-word prefix (`prefixes`), and for words that
   * only start longer phrases ("in" of "in sync"), the spellings of those first words (`lead`),
   * looked at only when the word and the next one are a pair some phrase starts with: by their
   * hashes (`pairs`) or the first's hash and the second's key (`prefixPairs`).
   */
  private readonly single = newScreen();
  private readonly prefixes = newScreen();
  private readonly lead = newScreen();
  /** screenKeys of prefixes shorter than LONG_KEY_LENGTH; a word passing `prefixes` otherwise also needs `longPrefixes`. */
  private readonly shortPrefixes = newScreen();
  private readonly longPrefixes = newScreen();
  private readonly pairs = newScreen(PAIR_SCREEN_BITS);
  private readonly prefixPairs = newScreen(PAIR_SCREEN_BITS);

  constructor(entries: readonly { spec: PhraseSpec; payload: T }[]) {
    for (const { spec, payload } of entries) {
      for (const phrase of spec.phrases ?? [spec.term]) {
        const rawWords = phrase.split(/[\s\-/]+/).filter((w) => w.length > 0);
        if (rawWords.length === 0) continue;
        const compiled: CompiledPhrase<T> = {
          words: rawWords.map(parseWord),
          payload,
          ...(spec.caseSensitive ? { rawFirst: new Set(rawWords[0]!.split('|')) } : {}),
          ...(spec.notAfterWords ? { notAfter: new Set(spec.notAfterWords.map(normalizeWord)) } : {}),
          ...(spec.notBeforeWords ? { notBefore: new Set(spec.notBeforeWords.map(normalizeWord)) } : {}),
        };
        const [first, second] = compiled.words as [WordTest, WordTest | undefined];
        for (const w of first.exact) {
          push(this.byExact, w, compiled);
          for (const spelling of spellingsOf(w)) setBit(second ? this.lead : this.single, screenBit(wordHash(spelling)));
        }
        for (const p of first.prefixes) {
          if (p.length < PREFIX_KEY_LENGTH) throw new Error(`prefix "${p}*" in "${spec.term}" is too short`);
          push(this.byPrefix, p.slice(0, PREFIX_KEY_LENGTH), { prefix: p, phrase: compiled });
          const keys = prefixScreenKeys(p);
          for (const key of keys) setBit(this.prefixes, keyBit(key));
          if (p.length < LONG_KEY_LENGTH) for (const key of keys) setBit(this.shortPrefixes, keyBit(key));
          else for (const key of prefixLongKeys(p)) setBit(this.longPrefixes, keyBit(key));
        }
        if (second) {
          const leads = [...first.exact].flatMap(spellingsOf).map(wordHash);
          const seconds = [...second.exact].flatMap(spellingsOf).map(wordHash);
          const secondKeys = second.prefixes.flatMap(prefixScreenKeys);
          for (const a of leads) {
            for (const b of seconds) setBit(this.pairs, pairBit(a, b));
            for (const key of secondKeys) setBit(this.prefixPairs, pairBit(a, key));
          }
        }
      }
    }
  }

  match(field: TokenizedField, out: PhraseMatch<T>[] = []): PhraseMatch<T>[] {
    const { keys, hashes, starts, ends, count } = field;
    const { single, prefixes, shortPrefixes, longPrefixes, lead, pairs, prefixPairs } = this;
    for (let i = 0; i < count; i++) {
      const hash = hashes[i]!;
      const bit = screenBit(hash);
      let mayBeExact = has(single, bit);
      if (!mayBeExact && has(lead, bit)) {
        const next = i + 1;
        mayBeExact =
          next < count && starts[next]! - ends[i]! <= MAX_WORD_GAP && (has(pairs, pairBit(hash, hashes[next]!)) || has(prefixPairs, pairBit(hash, keys[next]!)));
      }
      const keyAt = keyBit(keys[i]!);
      const mayStartPrefix = has(prefixes, keyAt) && (has(shortPrefixes, keyAt) || (ends[i]! - starts[i]! >= LONG_KEY_LENGTH && has(longPrefixes, keyBit(longKey(keys[i]!, field.codeAt(i, SCREEN_KEY_LENGTH))))));
      if (!mayBeExact && !mayStartPrefix) continue;
      const norm = field.norm(i);
      if (mayBeExact) {
        const exact = this.byExact.get(norm);
        if (exact) for (const phrase of exact) this.tryAt(phrase, field, i, out);
      }
      if (mayStartPrefix && norm.length >= PREFIX_KEY_LENGTH) {
        const bucket = this.byPrefix.get(norm.slice(0, PREFIX_KEY_LENGTH));
        if (bucket) {
          for (const { prefix, phrase } of bucket) {
            if (norm.startsWith(prefix)) this.tryAt(phrase, field, i, out);
          }
        }
      }
    }
    return out;
  }

  private tryAt(phrase: CompiledPhrase<T>, field: TokenizedField, i: number, out: PhraseMatch<T>[]): void {
    const { words } = phrase;
    const { starts, ends, count } = field;
    const last = i + words.length - 1;
    if (last >= count) return;
    for (let k = 1; k < words.length; k++) {
      // words of one phrase must be adjacent: at most a few separator characters apart
      if (starts[i + k]! - ends[i + k - 1]! > MAX_WORD_GAP || !wordMatches(words[k]!, field.norm(i + k))) return;
    }
    if (phrase.rawFirst && !phrase.rawFirst.has(field.pieces.slice(starts[i]!, ends[i]))) return;
    if (phrase.notAfter && i > 0 && phrase.notAfter.has(field.norm(i - 1))) return;
    if (phrase.notBefore && last + 1 < count && phrase.notBefore.has(field.norm(last + 1))) return;
    out.push({ payload: phrase.payload, field: field.field, start: starts[i]!, end: ends[last]!, kind: KIND_BY_INDEX[field.kinds[i]!]! });
  }
}

function newScreen(bits = HASH_SCREEN_BITS): Uint32Array {
  return new Uint32Array((1 << bits) >>> 5);
}

/** A bit for two words together: a first word's hash and the second's hash or screenKey. */
function pairBit(first: number, second: number): number {
  return Math.imul(first ^ Math.imul(second, 0x9e3779b1), 0x85ebca6b) >>> (32 - PAIR_SCREEN_BITS);
}

function has(bitmap: Uint32Array, bit: number): boolean {
  return (bitmap[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

function setBit(bitmap: Uint32Array, bit: number): void {
  bitmap[bit >>> 5]! |= 1 << (bit & 31);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
