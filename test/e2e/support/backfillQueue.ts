import { InProcessQueue } from '../../../sim/forge/queue';
import { CONSUMER_TIMEOUT_SECONDS } from '../../../src/backfill/jobState';
import { createBackfillConsumer } from '../../../src/entry/backfill/consumer';
import { BACKFILL_QUEUE } from '../../../src/moduleKeys';
import type { SimulatedJira } from '../../support/simulatedJira';

/**
 * The backfill's queue for the browser tests: an in-process queue on real timers (as the admin
 * page's resolvers run on the wall clock) with the app's real queue consumer registered, so a
 * backfill started from the page runs while the page polls its progress. `hold()` keeps every
 * delivery waiting until `release()`, so a test can act on a backfill that has not moved yet.
 */
export interface BackfillQueue {
  hold(): void;
  release(): void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

export function useBackfillQueue(jira: SimulatedJira): BackfillQueue {
  let queue: InProcessQueue;
  let gate: { opened: Promise<void>; open: () => void } | undefined;

  beforeEach(() => {
    queue = new InProcessQueue({ time: 'real' });
    gate = undefined;
    const consumer = createBackfillConsumer({ clock: () => ({ now: Date.now, remainingTimeMs: () => CONSUMER_TIMEOUT_SECONDS * 1000 }) });
    queue.consume(BACKFILL_QUEUE, async (event) => {
      await gate?.opened;
      return consumer(event);
    });
    jira.runtime.useStores({ queue });
  });

  return {
    hold() {
      let open = () => undefined as void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      gate = { opened, open };
    },
    release() {
      gate?.open();
      gate = undefined;
    },
    idle: () => queue.runUntilIdle(),
  };
}
