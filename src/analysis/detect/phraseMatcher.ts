import * as tokenize from './tokenize';
import type { TokenizedField } from './tokenize';
import type { FieldName, SegmentKind } from '../types';

// Module constants, not imported bindings: compiled to CommonJS, an imported binding is a getter
// call at every use, and the matcher runs for word after word.
const { ALL_WORDS, KIND_BY_INDEX, LONG_KEY_LENGTH, MAX_WORD_GAP, SCREEN_KEY_LENGTH, WordScreen } = tokenize;
const { hasBit: has, keyBit, longKey, normalizeWord, pairBit, screenBit, screenKey, setBit, wordHash } = tokenize;

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
const WORD_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

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

/** Keys of the words that start with `head`: itself when it is a whole key, else it and every next character. */
function spellingKeys(head: string): number[] {
  if (head.length >= SCREEN_KEY_LENGTH) return [screenKey(head, 0, SCREEN_KEY_LENGTH)];
  return [screenKey(head, 0, head.length), ...[...WORD_CHARACTERS].map((c) => screenKey(head + c, 0, head.length + 1))];
}

/**
 * Finds many phrases in tokenised text in one pass: candidates are looked up by the first
 * word (exact words in a map, prefixes in buckets by their first letters), then the following
 * tokens are compared. Time is linear in the number of tokens for a fixed lexicon.
 */
export class PhraseMatcher<T> {
  private readonly byExact = new Map<string, CompiledPhrase<T>[]>();
  private readonly byPrefix = new Map<string, { prefix: string; phrase: CompiledPhrase<T> }[]>();
  /** The first look at a word, also made for the tokenizer: which words may start a phrase (WordScreen). */
  readonly screen = new WordScreen();

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
          for (const spelling of spellingsOf(w)) setBit(second ? this.screen.lead : this.screen.single, screenBit(wordHash(spelling)));
        }
        for (const p of first.prefixes) {
          if (p.length < PREFIX_KEY_LENGTH) throw new Error(`prefix "${p}*" in "${spec.term}" is too short`);
          push(this.byPrefix, p.slice(0, PREFIX_KEY_LENGTH), { prefix: p, phrase: compiled });
          const keys = prefixScreenKeys(p);
          for (const key of keys) setBit(this.screen.prefixes, keyBit(key));
          if (p.length < LONG_KEY_LENGTH) for (const key of keys) setBit(this.screen.shortPrefixes, keyBit(key));
          else for (const key of prefixLongKeys(p)) setBit(this.screen.longPrefixes, keyBit(key));
        }
        if (second) {
          const leads = [...first.exact].flatMap(spellingsOf).map(wordHash);
          const seconds = [...second.exact].flatMap(spellingsOf).map(wordHash);
          const secondKeys = second.prefixes.flatMap(prefixScreenKeys);
          for (const a of leads) {
            for (const b of seconds) setBit(this.screen.pairs, pairBit(a, b));
            for (const key of secondKeys) setBit(this.screen.prefixPairs, pairBit(a, key));
          }
        }
      }
    }
  }

  /** The phrases in a field tokenised with this matcher's screen (or with ALL_WORDS), in word order. */
  match(field: TokenizedField, out: PhraseMatch<T>[] = []): PhraseMatch<T>[] {
    if (field.screen !== this.screen && field.screen !== ALL_WORDS) throw new Error('the field was tokenised with another matcher\'s screen: phrases would be missed');
    const { keys, hashes, starts, ends, count } = field;
    const { screen } = this;
    const { single, lead } = screen;
    for (let i = 0; i < count; i++) {
      const hash = hashes[i]!;
      const bit = screenBit(hash);
      let mayBeExact = has(single, bit);
      if (!mayBeExact && has(lead, bit)) {
        const next = field.wordAfter(ends[i]!, MAX_WORD_GAP);
        mayBeExact = next !== null && screen.startsPair(hash, next.hash, next.key);
      }
      const mayStartPrefix = screen.mayStartPrefix(keys[i]!, ends[i]! - starts[i]! > SCREEN_KEY_LENGTH ? field.codeAt(i, SCREEN_KEY_LENGTH) : 0);
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
    const start = field.starts[i]!;
    let end = field.ends[i]!;
    for (let k = 1; k < words.length; k++) {
      // words of one phrase must be adjacent: at most a few separator characters apart
      const next = field.wordAfter(end, MAX_WORD_GAP);
      if (next === null || !wordMatches(words[k]!, field.normOf(next))) return;
      end = next.end;
    }
    if (phrase.rawFirst && !phrase.rawFirst.has(field.pieces.slice(start, field.ends[i]))) return;
    if (phrase.notAfter) {
      const before = field.wordBefore(start);
      if (before !== null && phrase.notAfter.has(field.normOf(before))) return;
    }
    if (phrase.notBefore) {
      const after = field.wordAfter(end);
      if (after !== null && phrase.notBefore.has(field.normOf(after))) return;
    }
    out.push({ payload: phrase.payload, field: field.field, start, end, kind: KIND_BY_INDEX[field.kinds[i]!]! });
  }
}


function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
