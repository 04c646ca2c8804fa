/**
 * A fast 53-bit non-cryptographic hash (cyrb53) of a sequence of strings, as 14 hex digits.
 * It only has to tell "same analysed text and settings" from "changed"; it runs in Node and in
 * the browser alike. Parts are hashed in place (no joined copy of a 1 MB description), each
 * followed by a NUL so that ["ab", "c"] and ["a", "bc"] differ.
 */
export function hashStrings(parts: readonly string[], seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (const text of parts) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1, 2654435761);
    h2 = Math.imul(h2, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
