import { Queue } from '@forge/events';
import { BACKFILL_QUEUE } from '../moduleKeys';
import type { TickBody } from './records';

/**
 * Queues chain ticks on the backfill's queue with @forge/events
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/): at most 50
 * events a push, each with its own `delayInSeconds` (at most 900).
 */
export const MAX_EVENTS_PER_PUSH = 50;
/**
 * Push requests one initial invocation and everything descending from it may make (the cyclic
 * invocation limit is 1,000, https://developer.atlassian.com/platform/forge/limits-async-events/),
 * less a reserve for pushes repeated after a failed push.
 */
export const PUSHES_PER_INITIAL_INVOCATION = 950;

export interface ScheduledTick {
  tick: TickBody;
  delaySeconds: number;
}

export type PushTicks = (ticks: readonly ScheduledTick[]) => Promise<void>;

export const pushTicks: PushTicks = async (ticks) => {
  const queue = new Queue({ key: BACKFILL_QUEUE });
  for (let start = 0; start < ticks.length; start += MAX_EVENTS_PER_PUSH) {
    await queue.push(ticks.slice(start, start + MAX_EVENTS_PER_PUSH).map(({ tick, delaySeconds }) => ({ body: { ...tick }, ...(delaySeconds > 0 ? { delayInSeconds: delaySeconds } : {}) })));
  }
};

/** Push requests needed for `ticks` ticks. */
export function pushRequestsFor(ticks: number): number {
  return Math.ceil(ticks / MAX_EVENTS_PER_PUSH);
}
