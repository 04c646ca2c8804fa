import * as app from '../src/index';
import { manifestModule, type AppManifest } from '../sim/appManifest';
import type { InProcessQueue, QueueConsumer } from '../sim/forge/queue';
import { forgeModuleContext, invokeResolver, type InvocationContext } from '../sim/forge/resolverInvocation';
import { deliverEvents, type EventDelivery } from '../sim/jira/eventDelivery';
import type { JiraIssueEvent, JiraSimulator } from '../sim/jira';
import { MODULE_KEYS } from '../src/moduleKeys';

/**
 * The app as Forge runs it, read from manifest.yml: the trigger's function gets the simulator's
 * issue events (dropping the app's own when the manifest says `ignoreSelf`), each Custom UI
 * module's resolver function gets the pages' `invoke` calls with the context the platform gives,
 * each `consumer` module's function gets the events pushed to its queue
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/consumer), and each
 * `scheduledTrigger` module's function runs on its interval (real timers, cleared by `stop()`).
 * Handlers are the exports `src/index.ts` gives the manifest (`handler: index.<name>`).
 */
export type UiModuleType = 'jira:issuePanel' | 'jira:issueContext' | 'jira:adminPage';

export interface UiModule {
  key: string;
  type: UiModuleType;
  title: string;
  /** The manifest resource's folder, relative to the repo (the page's Vite build, static/<page>/build). */
  resourcePath: string;
  /** The resource key, which names the page's folder under static/. */
  resource: string;
}

export interface ForgeApp {
  readonly modules: { issuePanel: UiModule; issueContext: UiModule; adminPage: UiModule };
  /** Runs a page's `invoke(functionKey, payload)` through its module's resolver function. */
  invoke(module: UiModule, functionKey: string, payload: unknown, context: Omit<InvocationContext, 'moduleKey' | 'extensionType'>): Promise<unknown>;
  /** What `view.getContext()` answers in the module's page. */
  context(module: UiModule, context: Omit<InvocationContext, 'moduleKey' | 'extensionType'>): Record<string, unknown>;
  /** Resolves once every delivered event has been handled. */
  settle(): Promise<void>;
  stop(): void;
}

type Handler = (...args: never[]) => Promise<unknown>;

/** The `interval` values of a `scheduledTrigger` (https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/). */
const SCHEDULED_INTERVALS_MS: Readonly<Record<string, number>> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

export function startForgeApp(
  manifest: AppManifest,
  platform: { sim: JiraSimulator; queue: InProcessQueue },
  hooks: { onHandled: () => void; onError: (message: string) => void },
): ForgeApp {
  const { sim, queue } = platform;
  const handlerOf = (functionKey: string): Handler => {
    const module = manifestModule(manifest, 'function', functionKey);
    const name = String(module.handler).replace(/^index\./, '');
    const handler = (app as Record<string, unknown>)[name];
    if (typeof handler !== 'function') throw new Error(`manifest.yml names handler index.${name}, which src/index.ts does not export`);
    return handler as Handler;
  };

  const trigger = manifestModule(manifest, 'trigger', MODULE_KEYS.issueEvents);
  const handleEvent = handlerOf(String(trigger.function)) as unknown as (event: JiraIssueEvent) => Promise<unknown>;
  const filter = trigger.filter as { ignoreSelf?: boolean } | undefined;
  const delivery: EventDelivery = deliverEvents(
    sim,
    async (event) => {
      try {
        const result = await handleEvent(event);
        // An InvocationError asks the platform to retry later; the sandbox injects no faults, so it reports it.
        if (result) hooks.onError(`the trigger asked to retry the event of ${event.issue.key}: ${JSON.stringify(result)}`);
      } catch (error) {
        hooks.onError(`the trigger failed on ${event.issue.key}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        // The delivery keeps every event for tests to inspect; a long-running sandbox does not need them.
        delivery.delivered.length = 0;
        hooks.onHandled();
      }
    },
    { ignoreSelf: filter?.ignoreSelf === true },
  );

  for (const consumer of manifest.modules.consumer ?? []) {
    const consume = handlerOf(String(consumer.function)) as unknown as QueueConsumer;
    queue.consume(String(consumer.queue), async (event, context) => {
      try {
        return await consume(event, context);
      } finally {
        hooks.onHandled();
      }
    });
  }

  // Each `scheduledTrigger` module runs on a real interval, as an initial invocation (the backfill relay every five minutes).
  const stopTriggers = (manifest.modules.scheduledTrigger ?? []).map((module) => {
    const intervalMs = SCHEDULED_INTERVALS_MS[String(module.interval)];
    if (intervalMs === undefined) throw new Error(`manifest.yml gives the scheduled trigger ${module.key} an unknown interval '${String(module.interval)}'`);
    const handler = handlerOf(String(module.function));
    return queue.scheduleTrigger(intervalMs, async () => {
      try {
        await handler();
      } catch (error) {
        hooks.onError(`the scheduled trigger ${module.key} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        hooks.onHandled();
      }
    });
  });

  const uiModule = (type: UiModuleType, key: string): UiModule & { functionKey: string } => {
    const module = manifestModule(manifest, type, key);
    const resource = String(module.resource);
    const path = manifest.resources.find((candidate) => candidate.key === resource)?.path;
    if (!path) throw new Error(`manifest.yml has no resource '${resource}' for ${key}`);
    return { key, type, title: String(module.title), resourcePath: path, resource, functionKey: String((module.resolver as { function: string }).function) };
  };
  const modules = {
    issuePanel: uiModule('jira:issuePanel', MODULE_KEYS.issuePanel),
    issueContext: uiModule('jira:issueContext', MODULE_KEYS.issueContext),
    adminPage: uiModule('jira:adminPage', MODULE_KEYS.adminPage),
  };
  const resolvers = new Map(Object.values(modules).map((module) => [module.key, handlerOf(module.functionKey)]));

  return {
    modules,
    invoke: (module, functionKey, payload, context) => {
      const resolver = resolvers.get(module.key) as unknown as Parameters<typeof invokeResolver>[0];
      return invokeResolver(resolver, functionKey, { ...context, moduleKey: module.key, extensionType: module.type }, payload);
    },
    context: (module, context) => forgeModuleContext({ ...context, moduleKey: module.key, extensionType: module.type }),
    settle: () => delivery.settle(),
    stop: () => {
      delivery.stop();
      stopTriggers.forEach((stopTrigger) => stopTrigger());
    },
  };
}
