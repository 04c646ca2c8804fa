import fc from 'fast-check';
import { BASE_DELAY_MS, isRetryableStatus, serverWaitMs, waitBeforeRetryMs } from '../../src/jira/retryPolicy';

const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('retry policy', () => {
  it('retries only 429 and 503', () => {
    expect([400, 404, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([429, 503]);
  });

  it('backs off exponentially from 2 s with jitter between ×0.7 and ×1.3', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const wait = waitBeforeRetryMs(attempt, undefined, () => random, NOW);
        const base = BASE_DELAY_MS * 2 ** attempt;
        expect(wait).toBeGreaterThanOrEqual(Math.floor(base * 0.7));
        expect(wait).toBeLessThanOrEqual(Math.ceil(base * 1.3));
      }),
    );
  });

  it('never waits less than Retry-After', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 900 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, retryAfter, random) => {
        expect(waitBeforeRetryMs(attempt, headers({ 'Retry-After': String(retryAfter) }), () => random, NOW)).toBeGreaterThanOrEqual(retryAfter * 1000);
      }),
    );
  });

  it('reads Retry-After as seconds or an HTTP date, else X-RateLimit-Reset', () => {
    expect(serverWaitMs(headers({ 'Retry-After': '12' }), NOW)).toBe(12_000);
    expect(serverWaitMs(headers({ 'Retry-After': new Date(NOW + 30_000).toUTCString() }), NOW)).toBe(30_000);
    expect(serverWaitMs(headers({ 'X-RateLimit-Reset': '2026-03-02T10:05Z' }), NOW)).toBe(300_000);
    expect(serverWaitMs(headers({ 'Retry-After': 'soon' }), NOW)).toBeUndefined();
    expect(serverWaitMs(headers({}), NOW)).toBeUndefined();
  });
});
