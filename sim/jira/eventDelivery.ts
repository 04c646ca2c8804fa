import type { JiraIssueEvent, JiraSimulator } from './index';

/**
 * Delivers the simulator's events to a trigger handler the moment Jira emits them, as the Forge
 * platform does. With `ignoreSelf`, events the app's own edits caused are dropped, like the
 * manifest's `filter: { ignoreSelf: true }`; without it they reach the handler, which must then
 * refuse to loop on its own.
 */
export interface EventDelivery {
  readonly delivered: JiraIssueEvent[];
  /** Resolves once every delivered event is handled, including events emitted while handling. */
  settle(): Promise<void>;
  stop(): void;
}

export function deliverEvents(sim: JiraSimulator, handler: (event: JiraIssueEvent) => Promise<unknown>, { ignoreSelf }: { ignoreSelf: boolean }): EventDelivery {
  const delivered: JiraIssueEvent[] = [];
  const pending = new Set<Promise<unknown>>();
  const stop = sim.events.subscribe((event) => {
    if (ignoreSelf && event.selfGenerated) return;
    delivered.push(event);
    const handled = handler(event).finally(() => pending.delete(handled));
    pending.add(handled);
  });
  return {
    delivered,
    stop,
    settle: async () => {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (pending.size === 0) return;
        await Promise.all(pending);
      }
    },
  };
}
