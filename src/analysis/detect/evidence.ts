import type { Evidence, FieldName, SegmentKind } from '../types';

export const SNIPPET_RADIUS = 40;

/** A text as a string or as TextPieces: what evidence reads of it. */
export interface TextLike {
  readonly length: number;
  slice(start: number, end?: number): string;
}

/** A short, single-line window of text around [start, end), with an ellipsis where it is cut. */
export function snippetAround(text: TextLike, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(text.length, end + SNIPPET_RADIUS);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

export function makeEvidence(
  field: FieldName,
  text: TextLike,
  start: number,
  end: number,
  term: string,
  kind: SegmentKind,
): Evidence {
  return { field, offset: start, phrase: text.slice(start, end), term, kind, snippet: snippetAround(text, start, end) };
}
