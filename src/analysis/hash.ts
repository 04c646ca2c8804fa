/**
 * A fast 53-bit non-cryptographic hash (cyrb53) of a sequence of strings, as 14 hex digits.
 * It only has to tell "same analysed text and settings" from "changed"; it runs in Node and in
 * the browser alike. Parts are hashed in place (no joined copy of a 1 MB description), each
 * followed by a NUL so that ["ab", "c"] and ["a", "bc"] differ.
 */
export function hashStrings(parts: readonly string[], seed = 0): string {
  return hashTexts(parts.map((part) => [part]), seed);
}

/** Multipliers of the two cyrb53 lanes, per character: `h1 = Math.imul(h1 ^ code, CYRB_A)`. */
export const CYRB_A = 2654435761;
export const CYRB_B = 1597334677;

/**
 * The state of a hashStrings computation, for a reader that goes through the characters anyway
 * (the tokenizer): it mixes each character into `h1` and `h2` itself, calls `endText()` after
 * each string, and `toString()` at the end.
 */
export class TextDigest {
  h1: number;
  h2: number;

  constructor(seed = 0) {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
  }

  /** The NUL after each string. */
  endText(): void {
    this.h1 = Math.imul(this.h1, CYRB_A);
    this.h2 = Math.imul(this.h2, CYRB_B);
  }

  toString(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  }
}

/** hashStrings of texts each given as pieces (TextPieces.parts): the same hash as of the joined texts. */
export function hashTexts(texts: readonly (readonly string[])[], seed = 0): string {
  const digest = new TextDigest(seed);
  let { h1, h2 } = digest;
  for (const pieces of texts) {
    for (const text of pieces) {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, CYRB_A);
        h2 = Math.imul(h2 ^ ch, CYRB_B);
      }
    }
    digest.h1 = h1;
    digest.h2 = h2;
    digest.endText();
    ({ h1, h2 } = digest);
  }
  digest.h1 = h1;
  digest.h2 = h2;
  return digest.toString();
}
