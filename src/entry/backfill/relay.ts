import { relayBackfill } from '../../backfill/control';
import { pushTicks, type PushTicks } from '../../backfill/tickQueue';
import { describeError, log } from '../../log';
import { platformBackfillClock, type BackfillClockFactory } from './clock';

/**
 * The backfill relay, a `scheduledTrigger` every five minutes. Each run is an initial invocation,
 * so the ticks it queues get a fresh allowance under the cyclic invocation limit (1,000 pushes per
 * initial invocation, https://developer.atlassian.com/platform/forge/limits-async-events/). It
 * restarts chains that ran out of pushes or went silent (a crashed invocation) from their
 * checkpoint, and tops up the others. Without a running backfill it reads one KVS key.
 */
export interface BackfillRelayOptions {
  clock?: BackfillClockFactory;
  pushTicks?: PushTicks;
  /** Pushes this invocation may make; tests lower it to exercise the relay. */
  pushBudget?: number;
}

export function createBackfillRelay({ clock = platformBackfillClock, pushTicks: push = pushTicks, pushBudget }: BackfillRelayOptions = {}) {
  return async function handleBackfillRelay(): Promise<void> {
    try {
      await relayBackfill({ now: clock().now, pushTicks: push, ...(pushBudget === undefined ? {} : { pushBudget }) });
    } catch (error) {
      log('error', { event: 'backfill-relay', decision: 'failed', error: describeError(error) });
      throw error;
    }
  };
}

export const handleBackfillRelay = createBackfillRelay();
