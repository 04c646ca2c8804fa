import fc from 'fast-check';
import { TextPieces } from '../../../src/analysis/text/pieces';
import { findUrls, scanStackTraces, wikiToText } from '../../../src/analysis/text';
import type { Span } from '../../../src/analysis/types';
import { cutInto } from './helpers';

const cutText = fc
  .tuple(fc.string({ maxLength: 80 }), fc.array(fc.nat({ max: 80 }), { maxLength: 8 }))
  .map(([text, cuts]) => ({ text, pieces: cutInto(text, cuts) }));

describe('TextPieces', () => {
  it('reads like the joined string: length, characters, slices, head', () => {
    fc.assert(
      fc.property(cutText, fc.nat({ max: 90 }), fc.nat({ max: 90 }), ({ text, pieces }, a, b) => {
        expect(pieces.length).toBe(text.length);
        expect(pieces.toString()).toBe(text);
        // look-ups in any order (the cursor is only a shortcut)
        for (const at of [a, b, a - 1, 0, text.length - 1, text.length]) expect(pieces.charCodeAt(at)).toEqual(text.charCodeAt(at));
        expect(pieces.slice(a, b)).toBe(text.slice(a, b));
        expect(pieces.slice(Math.min(a, b))).toBe(text.slice(Math.min(a, b)));
        expect(pieces.head(a).toString()).toBe(text.slice(0, a));
      }),
    );
  });

  it('names the string each piece was copied from, and keeps it when cut', () => {
    const input = 'say *hello* world';
    const pieces = new TextPieces(['say ', 'hello', ' world'], [input, input, input], [0, 5, 11]);
    for (let k = 0; k < 3; k++) expect(pieces.source(k).slice(pieces.sourceStart(k), pieces.sourceStart(k) + pieces.parts[k]!.length)).toBe(pieces.parts[k]);
    const head = pieces.head(7);
    expect(head.toString()).toBe('say hel');
    expect(head.source(1)).toBe(input);
    expect(head.sourceStart(1)).toBe(5);
    expect(new TextPieces(['plain']).source(0)).toBe('plain');
  });

  it('writes its code units into a typed array as the joined string holds them, lone surrogates included', () => {
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd800, 0xdfff, 0x41)), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(units, fc.array(fc.nat({ max: 300 }), { maxLength: 6 }), (text, cuts) => {
        for (const pieces of [TextPieces.of(text), cutInto(text, cuts), wikiToText(text, 'description').pieces]) {
          const target = new Uint16Array(pieces.length + 2);
          pieces.codesInto(target, 1);
          const joined = pieces.toString();
          expect(Array.from(target.subarray(1, 1 + pieces.length))).toEqual(Array.from({ length: joined.length }, (_, i) => joined.charCodeAt(i)));
          expect([target[0], target[pieces.length + 1]]).toEqual([0, 0]);
        }
      }),
    );
  });

  it('maps every piece, keeping the same object when nothing changes', () => {
    const pieces = new TextPieces(['ab', 'c\u0001', 'd']);
    expect(pieces.map((part) => part).parts).toBe(pieces.parts);
    expect(pieces.map((part) => part.replace('\u0001', ' ')).toString()).toBe('abc d');
  });

  it('finds URLs and stack traces at the same offsets as in the joined text when no piece cuts through them', () => {
    const frame = 'at org.example.Client.send(Client.java:42)';
    const pieces = new TextPieces(['Calling ', 'https://api.example.com/v1', ' failed:\n', frame, '\n', 'Caused by: java.net.SocketTimeoutException', ': Read timed out']);
    const text = pieces.toString();
    const urls: Span[] = [];
    findUrls(pieces, urls);
    const joinedUrls: Span[] = [];
    findUrls(text, joinedUrls);
    expect(urls).toEqual(joinedUrls);
    expect(scanStackTraces(pieces)).toEqual(scanStackTraces(text));
    expect(scanStackTraces(pieces).map((c) => text.slice(c.start, c.end))).toEqual([`${frame}\nCaused by: java.net.SocketTimeoutException`]);
  });

  it('reads word boundaries across pieces: "flat" does not start a frame at "at"', () => {
    const joined = 'fl' + 'at org.example.A.b(A.java:1)';
    expect(scanStackTraces(joined)).toEqual([]);
    expect(scanStackTraces(new TextPieces(['fl', 'at org.example.A.b(A.java:1)']))).toEqual([]);
    // an exception name is read back across pieces, and its end of line in the next piece
    const split = new TextPieces(['java.lang.', 'IllegalStateException', ': boom']);
    expect(scanStackTraces(split)).toEqual(scanStackTraces(split.toString()));
  });
});
