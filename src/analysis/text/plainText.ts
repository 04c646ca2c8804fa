import type { FieldName } from '../types';
import { sanitize } from './sanitize';
import { TextPieces } from './pieces';
import { extraction, finishSpans, type Extraction } from './spans';

/** Plain text keeps every character; only URLs and stack traces are marked. */
export function plainToText(text: string, field: FieldName): Extraction {
  const clean = sanitize(typeof text === 'string' ? text : '', field);
  const pieces = TextPieces.of(clean.text);
  return extraction(pieces, finishSpans(pieces, [], []), clean.warnings);
}
