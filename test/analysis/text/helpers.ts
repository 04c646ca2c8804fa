import { TextPieces } from '../../../src/analysis/text/pieces';
import type { Extraction } from '../../../src/analysis/text';
import type { Span } from '../../../src/analysis/types';

/** The text under each span, with its kind: what the detector will see as non-prose. */
export function spanTexts(result: { text: string; spans: Span[] }): Array<[Span['kind'], string]> {
  return result.spans.map((span) => [span.kind, result.text.slice(span.start, span.end)]);
}

/** Spans are sorted, non-overlapping, non-empty, inside the text, of a known kind, and same-kind neighbours merged. */
export function expectWellFormed(result: Extraction | { text: string; spans: Span[] }): void {
  const { text, spans } = result;
  expect(typeof text).toBe('string');
  let previous: Span | undefined;
  for (const span of spans) {
    expect(['code', 'url', 'stacktrace']).toContain(span.kind);
    expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.start).toBeLessThan(span.end);
    expect(span.end).toBeLessThanOrEqual(text.length);
    if (previous !== undefined) {
      expect(span.start).toBeGreaterThanOrEqual(previous.end);
      if (span.start === previous.end) expect(span.kind).not.toBe(previous.kind);
    }
    previous = span;
  }
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
}

/** `text` cut at the given points (clamped, sorted, deduplicated) into TextPieces; empty pieces included. */
export function cutInto(text: string, cuts: readonly number[]): TextPieces {
  const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const at of points) {
    parts.push(text.slice(from, at));
    from = at;
  }
  parts.push(text.slice(from));
  return new TextPieces(parts);
}
