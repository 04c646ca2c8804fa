import { KvsStore } from '../../sim/forge/kvsStore';
import { InProcessQueue } from '../../sim/forge/queue';
import { currentForgeRuntime, type ForgeRuntimeHandle } from '../../sim/forge/runtime';
import { startJiraSimulator, type JiraSimulator, type JiraSimulatorOptions } from '../../sim/jira/server';

export interface SimulatedJira {
  /** The simulator of the running test. */
  readonly sim: JiraSimulator;
  readonly runtime: ForgeRuntimeHandle;
}

/**
 * Gives every test of the calling file a fresh Jira simulator (port 0) connected to the simulated
 * Forge runtime, fresh KVS and queue, no invoking user and a full 25 s invocation budget.
 */
export function useSimulatedJira(options: () => JiraSimulatorOptions): SimulatedJira {
  const runtime = currentForgeRuntime();
  let current: JiraSimulator | undefined;
  beforeEach(async () => {
    current = await startJiraSimulator(options());
    runtime.connectJira(current.url);
    runtime.useStores({ kvs: new KvsStore(), queue: new InProcessQueue() });
    runtime.actAsUser(undefined);
    runtime.setRemainingTimeMs(() => 25_000);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get sim() {
      if (!current) throw new Error('The simulator runs only inside a test');
      return current;
    },
    runtime,
  };
}
