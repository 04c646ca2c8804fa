import type { FieldName } from '../types';
import type { TextPieces } from './pieces';

/** Share of control or replacement characters above which a field is reported as binary junk. */
const BINARY_SHARE = 0.1;
/** Suspect characters counted one regex match at a time; past this many, a plain loop counts faster. */
const MATCH_COUNT_LIMIT = 1000;

// C0 controls other than \t, \n and \r, and U+FFFD: matching them is the point, hence the lint exceptions.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
/*
 * Runs without a control (or suspect) character, read with a sticky test(): the engine skips
 * such a run faster than it searches for the class itself (0.75 against 0.88 ms for 1 MB).
 */
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*/y;
// eslint-disable-next-line no-control-regex
const NO_SUSPECT = /[^\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]*/y;

export interface Sanitized {
  text: string;
  warnings: string[];
}

/**
 * Replaces C0 control characters (except tab and line breaks) by spaces, one for one, so every
 * offset into the result is an offset into the input; warns when the text looks like binary data.
 */
export function sanitize(text: string, field: FieldName): Sanitized {
  return { text: replaceControls(text), warnings: binaryDataWarnings(text, field) };
}

/** The text with C0 controls other than tab and line breaks replaced by spaces; the same string when it has none. */
export function replaceControls(text: string): string {
  const found = countUpTo(NO_CONTROL, text, MATCH_COUNT_LIMIT);
  if (found === 0) return text;
  // String.replace builds its result a match at a time: a megabyte of binary junk took 100 ms
  return found < MATCH_COUNT_LIMIT ? text.replace(CONTROL, ' ') : replaceControlsByCode(text);
}

/** Characters turned into a string by one String.fromCharCode call (well below engines' argument limits). */
const CODES_PER_CALL = 4096;

/** replaceControls for text full of them: one pass over the code units, then the string rebuilt in large runs. */
function replaceControlsByCode(text: string): string {
  const n = text.length;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    codes[i] = isControl(c) ? 0x20 : c;
  }
  const parts: string[] = [];
  for (let at = 0; at < n; at += CODES_PER_CALL) parts.push(String.fromCharCode.apply(null, codes.subarray(at, at + CODES_PER_CALL) as unknown as number[]));
  return parts.join('');
}

export function isControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

/**
 * Counts control characters and U+FFFD replacement characters: a field made mostly of those is
 * pasted binary data, which is reported (and still read).
 */
export function binaryDataWarnings(text: string | TextPieces, field: FieldName): string[] {
  let suspects = 0;
  for (const part of typeof text === 'string' ? [text] : text.parts) suspects += countSuspects(part);
  return suspects > text.length * BINARY_SHARE ? [`${field} looks like binary data`] : [];
}

function countSuspects(text: string): number {
  let suspects = countUpTo(NO_SUSPECT, text, MATCH_COUNT_LIMIT);
  if (suspects === MATCH_COUNT_LIMIT) {
    for (let i = NO_SUSPECT.lastIndex + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isControl(c) || c === 0xfffd) suspects++;
    }
  }
  return suspects;
}

/**
 * How many characters `run` (a sticky run of every other character) stops at in `text`, at most
 * `limit`; at the limit, `run.lastIndex` is the position of the last one counted.
 */
function countUpTo(run: RegExp, text: string, limit: number): number {
  let count = 0;
  let at = 0;
  for (;;) {
    run.lastIndex = at;
    run.test(text);
    if (run.lastIndex >= text.length) return count;
    if (++count === limit) return count;
    at = run.lastIndex + 1;
  }
}
