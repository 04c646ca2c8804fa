import type { FieldName } from '../types';

/** Share of control or replacement characters above which a field is reported as binary junk. */
const BINARY_SHARE = 0.1;

/** C0 controls other than \t, \n and \r (matching them is the point, hence the lint exceptions). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/;

export interface Sanitized {
  text: string;
  warnings: string[];
}

/**
 * Replaces C0 control characters (except tab and line breaks) by spaces, one for one, so every
 * offset into the result is an offset into the input. Counts them and U+FFFD replacement
 * characters: a field made mostly of those is pasted binary data, which is reported but kept.
 */
export function sanitize(text: string, field: FieldName): Sanitized {
  if (!SUSPECT.test(text)) return { text, warnings: [] };
  let suspects = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) suspects++;
  }
  const warnings = suspects > text.length * BINARY_SHARE ? [`${field} looks like binary data`] : [];
  return { text: text.replace(CONTROL, ' '), warnings };
}
