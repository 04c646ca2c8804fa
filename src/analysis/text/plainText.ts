import type { FieldName } from '../types';
import { sanitize } from './sanitize';
import { finishSpans, type Extraction } from './spans';

/** Plain text keeps every character; only URLs and stack traces are marked. */
export function plainToText(text: string, field: FieldName): Extraction {
  const clean = sanitize(typeof text === 'string' ? text : '', field);
  return { text: clean.text, spans: finishSpans(clean.text, [], []), warnings: clean.warnings };
}
