import type { InvocationClock, InvocationClockFactory } from '../../src/entry/invocation';

/**
 * A simulated clock for handlers: every invocation gets its own 25 s budget, and sleeping spends
 * that budget and moves the shared clock (which the Jira simulator can read as its `now`) instead
 * of waiting. Retries and backoff are exercised without wall time.
 */
export interface SimulatedClock {
  now(): number;
  /** One clock per invocation, as the Forge runtime gives every invocation its own time limit. */
  invocation: InvocationClockFactory;
  /** Every sleep of every invocation, in ms. */
  readonly sleeps: number[];
  /** Lets time pass outside any invocation (between deliveries). */
  advance(ms: number): void;
}

export function simulatedClock({ start = Date.UTC(2026, 0, 10), budgetMs = 25_000 } = {}): SimulatedClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    advance: (ms) => {
      now += ms;
    },
    invocation: (): InvocationClock => {
      let remaining = budgetMs;
      return {
        remainingTimeMs: () => remaining,
        sleep: async (ms) => {
          sleeps.push(ms);
          remaining -= ms;
          now += ms;
        },
      };
    },
  };
}
