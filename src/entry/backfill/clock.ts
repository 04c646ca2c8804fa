import { getAppContext } from '@forge/api';

/**
 * The time of a backfill invocation: the wall clock, and the invocation's remaining time
 * (`getAppContext().invocationRemainingTimeInMillis()`, up to the consumer's `timeoutSeconds`).
 * Tests pass the queue's simulated clock.
 */
export interface BackfillClock {
  now(): number;
  remainingTimeMs(): number;
}

export type BackfillClockFactory = () => BackfillClock;

export const platformBackfillClock: BackfillClockFactory = () => ({
  now: () => Date.now(),
  remainingTimeMs: () => getAppContext().invocationRemainingTimeInMillis(),
});
