import fc from 'fast-check';
import { LONG_KEY_LENGTH, longKey, normalizeWord, SCREEN_KEY_LENGTH, screenKey, tokenizeField, tokenizeFields, wordHash } from '../../../src/analysis/detect/tokenize';
import { prefixLongKeys, prefixScreenKeys, spellingsOf } from '../../../src/analysis/detect/phraseMatcher';
import { TextPieces } from '../../../src/analysis/text/pieces';
import { hashStrings, hashTexts } from '../../../src/analysis/hash';
import { wikiToText } from '../../../src/analysis/text';
import { cutInto } from '../text/helpers';
import type { FieldText, Span } from '../../../src/analysis/types';

function field(pieces: TextPieces, spans: Span[] = []): FieldText {
  return { field: 'description', text: pieces.toString(), pieces, spans };
}

function columns(tokens: ReturnType<typeof tokenizeField>) {
  return {
    count: tokens.count,
    starts: [...tokens.starts],
    ends: [...tokens.ends],
    keys: [...tokens.keys],
    hashes: [...tokens.hashes],
    kinds: [...tokens.kinds],
    norms: Array.from({ length: tokens.count }, (_, t) => tokens.norm(t)),
  };
}

const WORDISH = ['Webhook', 'API', 'apis', 'sync', '-', ' ', '*', 'x', '42', 'ÄÖ', 'Timeouts', '\n', 'realise', 'a'];
const wordishText = fc.array(fc.constantFrom(...WORDISH), { maxLength: 30 }).map((parts) => parts.join(''));

describe('tokenizeField', () => {
  it('splits words at anything but ASCII letters and digits, with hash and key of the case-folded word', () => {
    const tokens = tokenizeField(field(TextPieces.of('Webhook-API timeouts; ÄÖ x42')));
    const words = Array.from({ length: tokens.count }, (_, t) => tokens.pieces.slice(tokens.starts[t]!, tokens.ends[t]));
    expect(words).toEqual(['Webhook', 'API', 'timeouts', 'x42']);
    expect(tokens.hashes[0]).toBe(wordHash('webhook'));
    expect(tokens.keys[0]).toBe(screenKey('webhook', 0, 7));
    expect(tokens.keys[1]).toBe(screenKey('api', 0, 3));
    expect(tokens.norm(2)).toBe('timeout');
  });

  it('reads a word that runs over several pieces as one word, like the joined text', () => {
    fc.assert(
      fc.property(wordishText, fc.array(fc.nat({ max: 120 }), { maxLength: 10 }), (text, cuts) => {
        const spans: Span[] = text.length > 4 ? [{ start: 2, end: 4, kind: 'code' }] : [];
        expect(columns(tokenizeField(field(cutInto(text, cuts), spans)))).toEqual(columns(tokenizeField(field(TextPieces.of(text), spans))));
      }),
    );
  });

  it('reads pieces copied from wiki markup in place, as it reads the joined text', () => {
    const markup = fc.array(fc.constantFrom('*Webhook*', ' ', 'h1. Sync', '{code}GET /api{code}', '[link|http://x.y/z]', '\n', 'API_KEY', '&amp;', '-', 'timeout', '_em_'), { maxLength: 25 });
    fc.assert(
      fc.property(markup, (tokens) => {
        const extracted = wikiToText(tokens.join(''), 'description');
        const joined = TextPieces.of(extracted.text);
        expect(columns(tokenizeField(field(extracted.pieces, extracted.spans)))).toEqual(columns(tokenizeField(field(joined, extracted.spans))));
      }),
    );
  });

  it('tokenizeFields gives each field the words tokenizeField gives it, in shared columns', () => {
    const texts = ['Webhook retries', 'The sync job posts to the REST API', '', 'payments, stripe'];
    const together = tokenizeFields(texts.map((text) => field(TextPieces.of(text))));
    expect(together.fields.map(columns)).toEqual(texts.map((text) => columns(tokenizeField(field(TextPieces.of(text))))));
  });

  it('finds the words before and after a position as the tokenizer reads them, long words skipped', () => {
    const text = fc.array(fc.constantFrom('Webhook', 'a', '42', 'x'.repeat(64), 'y'.repeat(65), ' ', '-', ' .. ', '\n', 'ÄÖ'), { maxLength: 25 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (joined) => {
        const tokens = tokenizeField(field(TextPieces.of(joined)));
        const word = (t: number) => ({ start: tokens.starts[t]!, end: tokens.ends[t]!, hash: tokens.hashes[t]!, key: tokens.keys[t]! });
        for (let t = 0; t < tokens.count; t++) {
          expect(tokens.wordAfter(tokens.ends[t]!)).toEqual(t + 1 < tokens.count ? word(t + 1) : null);
          expect(tokens.wordBefore(tokens.starts[t]!)).toEqual(t > 0 ? word(t - 1) : null);
          const near = t + 1 < tokens.count && tokens.starts[t + 1]! - tokens.ends[t]! <= 3;
          expect(tokens.wordAfter(tokens.ends[t]!, 3)).toEqual(near ? word(t + 1) : null);
          expect(tokens.normOf(word(t))).toBe(tokens.norm(t));
        }
      }),
    );
  });

  it('hashes the fields as they are read: the hash hashTexts gives their pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), { maxLength: 4 }), fc.integer(), (texts, seed) => {
        const { textHash } = tokenizeFields(texts.map((parts) => field(new TextPieces(parts))), seed);
        expect(textHash).toBe(hashTexts(texts, seed));
        expect(textHash).toBe(hashStrings(texts.map((parts) => parts.join('')), seed));
      }),
    );
  });
});

/*
 * The matcher skips a word unless its hash is that of a spelling of an exact first word, or its
 * screenKey one of a first-word prefix's keys. These properties are what makes skipping safe.
 */
const STEMS = ['sync', 'key', 'city', 'cit', 'part', 'realiz', 'authoriz', 'sky', 'api', 'hook', 'categor', 'poiz', 'pois', 'status', 'class', 'http', 'ab', 'web'];
const SUFFIXES = ['', 's', 'es', 'ies', 'y', 'e', 'ise', 'ised', 'ises', 'ising', 'isation', 'isations', 'ize', 'ization', 'ing', 'ed'];
const word = fc.oneof(
  fc.tuple(fc.constantFrom(...STEMS), fc.constantFrom(...SUFFIXES)).map(([stem, suffix]) => stem + suffix),
  fc.stringMatching(/^[a-z0-9]{1,10}$/),
);
const casing = (w: string, upper: boolean[]) => [...w].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('');

describe('the matcher screen', () => {
  it('every spelling of a word is among spellingsOf its normal form', () => {
    fc.assert(
      fc.property(word, fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), (raw, upper) => {
        const written = casing(raw, upper);
        expect(spellingsOf(normalizeWord(written)).map(wordHash)).toContain(wordHash(written));
      }),
      { numRuns: 5000 },
    );
  });

  it('every word whose normal form starts with a prefix has a screenKey among prefixScreenKeys of it', () => {
    fc.assert(
      fc.property(word, fc.nat(), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), (raw, cut, upper) => {
        const norm = normalizeWord(raw);
        fc.pre(norm.length >= 3);
        const prefix = norm.slice(0, 3 + (cut % (norm.length - 2)));
        const written = casing(raw, upper);
        expect(prefixScreenKeys(prefix)).toContain(screenKey(written, 0, written.length));
        // and, for prefixes of five letters or more, the longKey of its first five characters
        if (prefix.length >= LONG_KEY_LENGTH) {
          expect(prefixLongKeys(prefix)).toContain(longKey(screenKey(written, 0, written.length), written.charCodeAt(SCREEN_KEY_LENGTH)));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
