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
