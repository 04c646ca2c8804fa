import type { Evidence, FieldName, SegmentKind } from '../types';

export const SNIPPET_RADIUS = 40;

/** A short, single-line window of text around [start, end), with an ellipsis where it is cut. */
export function snippetAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(text.length, end + SNIPPET_RADIUS);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

export function makeEvidence(
  field: FieldName,
  text: string,
  start: number,
  end: number,
  term: string,
  kind: SegmentKind,
): Evidence {
  return { field, offset: start, phrase: text.slice(start, end), term, kind, snippet: snippetAround(text, start, end) };
}
