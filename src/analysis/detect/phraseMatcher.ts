import { KIND_BY_INDEX, normalizeWord, SCREEN_KEY_LIMIT, screenKey, type TokenizedField } from './tokenize';
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

/**
 * Finds many phrases in tokenised text in one pass: candidates are looked up by the first
 * word (exact words in a map, prefixes in buckets by their first letters), then the following
 * tokens are compared. Time is linear in the number of tokens for a fixed lexicon.
 */
export class PhraseMatcher<T> {
  private readonly byExact = new Map<string, CompiledPhrase<T>[]>();
  private readonly byPrefix = new Map<string, { prefix: string; phrase: CompiledPhrase<T> }[]>();
  /** Bitmap of the screenKey of every first word: a word whose bit is clear starts no phrase. */
  private readonly screen = new Uint32Array(SCREEN_KEY_LIMIT >>> 5);

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
        const first = compiled.words[0]!;
        for (const w of first.exact) {
          push(this.byExact, w, compiled);
          this.addToScreen(screenKey(w, 0, w.length));
        }
        for (const p of first.prefixes) {
          if (p.length < PREFIX_KEY_LENGTH) throw new Error(`prefix "${p}*" in "${spec.term}" is too short`);
          push(this.byPrefix, p.slice(0, PREFIX_KEY_LENGTH), { prefix: p, phrase: compiled });
          this.addToScreen(screenKey(p, 0, PREFIX_KEY_LENGTH));
        }
      }
    }
  }

  private addToScreen(key: number): void {
    this.screen[key >>> 5]! |= 1 << (key & 31);
  }

  match(field: TokenizedField, out: PhraseMatch<T>[] = []): PhraseMatch<T>[] {
    const { keys, count } = field;
    const screen = this.screen;
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      if ((screen[key >>> 5]! & (1 << (key & 31))) === 0) continue;
      const norm = field.norm(i);
      const exact = this.byExact.get(norm);
      if (exact) for (const phrase of exact) this.tryAt(phrase, field, i, out);
      if (this.byPrefix.size > 0 && norm.length >= PREFIX_KEY_LENGTH) {
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
      if (starts[i + k]! - ends[i + k - 1]! > 3 || !wordMatches(words[k]!, field.norm(i + k))) return;
    }
    if (phrase.rawFirst && !phrase.rawFirst.has(field.text.slice(starts[i], ends[i]))) return;
    if (phrase.notAfter && i > 0 && phrase.notAfter.has(field.norm(i - 1))) return;
    if (phrase.notBefore && last + 1 < count && phrase.notBefore.has(field.norm(last + 1))) return;
    out.push({ payload: phrase.payload, field: field.field, start: starts[i]!, end: ends[last]!, kind: KIND_BY_INDEX[field.kinds[i]!]! });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
