import type { Principal } from '../principal';
import { matchesRequest, type RequestFilter } from './requestMatch';

/**
 * Jira's per-second burst limit (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/,
 * RateLimit-Reason `jira-burst-based`): at most `requests` matching requests in any window of
 * `windowMs` (a sliding log). Requests it refuses do not count. Time is the simulator's clock, so a
 * test or benchmark on simulated time sees the limit in simulated seconds.
 */
export interface BurstLimit extends RequestFilter {
  requests: number;
  /** Default 1,000 ms: a per-second limit. */
  windowMs?: number;
}

export class BurstLimiter {
  private accepted: number[] = [];

  constructor(
    private readonly limit: BurstLimit,
    private readonly now: () => number,
  ) {
    if (!(limit.requests >= 1)) throw new Error('A burst limit allows at least one request per window');
  }

  /** Counts the request, or returns the seconds to wait (at least 1) when the window is full. */
  admit(method: string, path: string, principal: Principal): { retryAfterSeconds: number } | undefined {
    if (!matchesRequest(this.limit, method, path, principal)) return undefined;
    const now = this.now();
    const windowMs = this.limit.windowMs ?? 1_000;
    this.accepted = this.accepted.filter((at) => at > now - windowMs);
    const oldest = this.accepted[this.accepted.length - this.limit.requests];
    if (oldest !== undefined) return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    this.accepted.push(now);
    return undefined;
  }
}
