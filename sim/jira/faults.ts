import type { Principal } from '../principal';
import type { BurstLimit } from './burstLimiter';
import type { SimResponse } from './http';
import { matchesRequest, type RequestFilter } from './requestMatch';

/**
 * Fault injection. Rate-limit answers follow https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ :
 * 429 with `Retry-After` (seconds), `X-RateLimit-Reset` (ISO 8601, `yyyy-MM-ddTHH:mmZ`) and
 * `RateLimit-Reason`; some 503s carry `Retry-After` too.
 */
export type RateLimitReason = 'jira-quota-global-based' | 'jira-quota-tenant-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds?: number; reason?: RateLimitReason }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number }
  /** Answers with exactly this, e.g. a malformed body. */
  | { kind: 'answer'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroys the connection without an answer. */
  | { kind: 'reset' };

export interface FaultRule extends RequestFilter {
  fault: Fault;
  /** Chance (0..1) that a matching request gets the fault; default 1. */
  probability?: number;
  /** How many requests get the fault before the rule retires; default unlimited. */
  times?: number;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

const DEFAULT_RETRY_AFTER_SECONDS = 5;

export class FaultInjector {
  private readonly rules: ActiveRule[] = [];
  /** Turns on the per-issue write limit (20 writes per 2 s, 100 per 30 s); off by default. */
  perIssueWriteLimit = false;
  /** A per-second burst limit on matching requests (429 `jira-burst-based` beyond it); none by default. */
  burstLimit: BurstLimit | undefined;

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): () => void {
    const active: ActiveRule = { ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(active);
    return () => {
      const index = this.rules.indexOf(active);
      if (index >= 0) this.rules.splice(index, 1);
    };
  }

  clear(): void {
    this.rules.length = 0;
    this.perIssueWriteLimit = false;
    this.burstLimit = undefined;
  }

  /** The faults for one request: every matching delay, then at most one answering fault. */
  pick(method: string, path: string, principal: Principal): Fault[] {
    const picked: Fault[] = [];
    let answered = false;
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !matchesRequest(rule, method, path, principal)) continue;
      if (rule.fault.kind !== 'delay' && answered) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      rule.remaining -= 1;
      picked.push(rule.fault);
      if (rule.fault.kind !== 'delay') answered = true;
    }
    return picked;
  }
}

export function rateLimitedResponse(retryAfterSeconds: number, reason: RateLimitReason, now: number): SimResponse {
  return {
    status: 429,
    headers: {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Reset': new Date(now + retryAfterSeconds * 1000).toISOString().slice(0, 16) + 'Z',
      'RateLimit-Reason': reason,
    },
    body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
  };
}

export function faultResponse(fault: Exclude<Fault, { kind: 'delay' | 'reset' }>, now: number): SimResponse {
  if (fault.kind === 'answer') return { status: fault.status, body: fault.body, headers: fault.headers ?? {} };
  if (fault.kind === 'rate-limit') {
    return rateLimitedResponse(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, fault.reason ?? 'jira-burst-based', now);
  }
  return {
    status: fault.status,
    headers: fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) },
    body: { errorMessages: [fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error'], errors: {} },
  };
}
