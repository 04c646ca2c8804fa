import { KvsStore } from '../../sim/forge/kvsStore';
import { InProcessQueue } from '../../sim/forge/queue';
import { invokeResolver, type InvocationContext } from '../../sim/forge/resolverInvocation';
import { currentForgeRuntime } from '../../sim/forge/runtime';
import { startJiraSimulator, type JiraSimulator, type JiraSimulatorOptions } from '../../sim/jira/server';
import type { BackfillStatusAnswer, BackfillStatusView, ResolverResult, StartBackfillPayload } from '../../src/contract';
import { createAdminResolver } from '../../src/entry/admin/resolver';
import { createBackfillConsumer, type BackfillConsumerOptions } from '../../src/entry/backfill/consumer';
import { CONSUMER_TIMEOUT_SECONDS } from '../../src/backfill/jobState';
import { createBackfillRelay } from '../../src/entry/backfill/relay';
import { BACKFILL_QUEUE, MODULE_KEYS } from '../../src/moduleKeys';
import { seededRandom } from '../../sim/seededRandom';
import { USERS } from './jiraFixtures';
import { simulatedClock } from './simulatedClock';

/**
 * A backfill as Forge runs it, on simulated time: the admin page's resolvers (as a Jira admin), the
 * queue consumer registered on the in-process queue (at least once, unordered, redelivering a
 * share of events), the five-minute relay, and a Jira simulator, KVS and queue that share the
 * queue's clock. Everything goes through the real @forge packages.
 */
export const RELAY_INTERVAL_MS = 5 * 60_000;
/** The consumer function's budget in manifest.yml (`timeoutSeconds`). */
const CONSUMER_BUDGET_MS = CONSUMER_TIMEOUT_SECONDS * 1000;

export interface BackfillRunOptions {
  jira: JiraSimulatorOptions;
  redeliverFraction?: number;
  random?: () => number;
  /** Pushes per initial invocation; lowered to make chains run out and wait for the relay. */
  pushBudget?: number;
  /** Wraps the consumer, e.g. to crash one delivery. */
  wrapConsumer?: (consumer: (event: unknown) => Promise<unknown>) => (event: unknown) => Promise<unknown>;
  consumer?: Omit<BackfillConsumerOptions, 'clock'>;
  startAt?: number;
}

export interface BackfillRun {
  sim: JiraSimulator;
  queue: InProcessQueue;
  admin(functionKey: string, payload?: unknown, context?: Partial<InvocationContext>): Promise<ResolverResult<unknown>>;
  start(payload: StartBackfillPayload): Promise<BackfillStatusView>;
  status(): Promise<BackfillStatusView>;
  /** Runs the queue until the job ends, the relay firing every five minutes; returns the final status and how often the relay ran. */
  runToEnd(maxRelays?: number): Promise<{ status: BackfillStatusView; relays: number }>;
  close(): Promise<void>;
}

export async function startBackfillRun(options: BackfillRunOptions): Promise<BackfillRun> {
  const queue = new InProcessQueue({ startAt: options.startAt ?? Date.UTC(2026, 1, 2), redeliverFraction: options.redeliverFraction ?? 0, random: options.random ?? seededRandom(1) });
  const now = () => queue.now();
  const sim = await startJiraSimulator({ ...options.jira, now });
  const runtime = currentForgeRuntime();
  runtime.connectJira(sim.url);
  runtime.useStores({ kvs: new KvsStore({ now }), queue });
  runtime.actAsUser(undefined);
  runtime.setRemainingTimeMs(() => CONSUMER_BUDGET_MS);

  const clock = () => ({ now, remainingTimeMs: () => CONSUMER_BUDGET_MS });
  const consumer = createBackfillConsumer({ clock, random: seededRandom(2), ...options.consumer });
  const wrapped = options.wrapConsumer ? options.wrapConsumer(consumer) : consumer;
  queue.consume(BACKFILL_QUEUE, (event) => wrapped(event));
  const adminResolver = createAdminResolver({ clock: simulatedClock().invocation, backfill: { now, ...(options.pushBudget === undefined ? {} : { pushBudget: options.pushBudget }) } });
  const relayHandler = createBackfillRelay({ clock, ...(options.pushBudget === undefined ? {} : { pushBudget: options.pushBudget }) });
  // The relay's scheduledTrigger (`interval: fiveMinute`), as an initial invocation on the queue's clock.
  let relays = 0;
  queue.scheduleTrigger(RELAY_INTERVAL_MS, async () => {
    relays += 1;
    runtime.actAsUser(undefined);
    await relayHandler();
  });

  const admin = (functionKey: string, payload: unknown = {}, context: Partial<InvocationContext> = {}) =>
    invokeResolver<ResolverResult<unknown>>(adminResolver, functionKey, { moduleKey: MODULE_KEYS.adminPage, accountId: USERS.admin, ...context }, payload);
  const data = <T>(result: ResolverResult<unknown>): T => {
    if (!result.ok) throw new Error(`The resolver answered ${JSON.stringify(result.error)}`);
    return result.data as T;
  };
  const status = async () => {
    const answer = data<BackfillStatusAnswer>(await admin('getBackfillStatus'));
    if (!answer.status) throw new Error('No backfill status');
    return answer.status;
  };

  return {
    sim,
    queue,
    admin,
    start: async (payload) => data<BackfillStatusView>(await admin('startBackfill', payload)),
    status,
    runToEnd: async (maxRelays = 100) => {
      for (;;) {
        await queue.runUntilIdle();
        const current = await status();
        if (current.state !== 'running') return { status: current, relays };
        if (relays >= maxRelays) throw new Error(`The backfill did not end after ${maxRelays} relays: ${JSON.stringify(current)}`);
        await queue.fireNextTrigger();
      }
    },
    close: () => sim.close(),
  };
}
