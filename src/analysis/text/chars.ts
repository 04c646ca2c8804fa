/** Character classes shared by the extractors, on UTF-16 code units. */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0 || code === 0x0c || code === 0x0b;
}

/** Letters, digits and `_` (as in `\w`), plus non-ASCII letters and digits. NaN (past the end) is not a word character. */
export function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
  }
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}
