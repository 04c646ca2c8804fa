import { InProcessQueue } from '../../../sim/forge/queue';
import { createBackfillConsumer } from '../../../src/entry/backfill/consumer';
import { BACKFILL_QUEUE } from '../../../src/moduleKeys';
import type { SimulatedJira } from '../../support/simulatedJira';

/** The consumer function's budget in manifest.yml (`timeoutSeconds: 900`). */
const CONSUMER_BUDGET_MS = 900_000;

/**
 * The backfill's queue for the browser tests: an in-process queue on real timers (as the admin
 * page's resolvers run on the wall clock) with the app's real queue consumer registered, so a
 * backfill started from the page runs while the page polls its progress. `hold()` keeps every
 * delivery waiting until `release()`, so a test can act on a backfill that has not moved yet.
 */
export interface BackfillQueue {
  readonly queue: InProcessQueue;
  hold(): void;
  release(): void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

export function useBackfillQueue(jira: SimulatedJira): BackfillQueue {
  let queue = new InProcessQueue({ time: 'real' });
  let gate: { opened: Promise<void>; open: () => void } | undefined;

  beforeEach(() => {
    queue = new InProcessQueue({ time: 'real' });
    gate = undefined;
    const consumer = createBackfillConsumer({ clock: () => ({ now: Date.now, remainingTimeMs: () => CONSUMER_BUDGET_MS }) });
    queue.consume(BACKFILL_QUEUE, async (event) => {
      await gate?.opened;
      return consumer(event);
    });
    jira.runtime.useStores({ queue });
  });

  return {
    get queue() {
      return queue;
    },
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
