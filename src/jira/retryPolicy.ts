/**
 * When to retry a Jira call and how long to wait, per
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ and
 * https://developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits/ :
 * retry 429 and 503; `Retry-After` (else `X-RateLimit-Reset`) is the minimum wait; otherwise
 * exponential backoff from 2 s with jitter ×0.7..1.3; about 4 retries. Never sleep past the
 * invocation's remaining time: leave a margin for the retried call and the work after it.
 */
export const MAX_RETRIES = 4;
export const BASE_DELAY_MS = 2_000;
export const SAFETY_MARGIN_MS = 5_000;
const JITTER_MIN = 0.7;
const JITTER_SPAN = 0.6;

/** What the retry policy reads of an answer's headers. */
export interface HeaderReader {
  get(name: string): string | null;
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** The wait before retry number `attempt + 1` (attempt counts from 0). */
export function waitBeforeRetryMs(attempt: number, headers: HeaderReader | undefined, random: () => number, now: number): number {
  const backoff = BASE_DELAY_MS * 2 ** attempt * (JITTER_MIN + JITTER_SPAN * random());
  return Math.ceil(Math.max(backoff, headers ? serverWaitMs(headers, now) ?? 0 : 0));
}

/** `Retry-After` as seconds or an HTTP date, else `X-RateLimit-Reset` (ISO 8601). */
export function serverWaitMs(headers: HeaderReader, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  const resetAt = reset === null ? NaN : Date.parse(reset);
  return Number.isNaN(resetAt) ? undefined : Math.max(0, resetAt - now);
}
