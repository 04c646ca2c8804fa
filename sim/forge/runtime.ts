import { SIMULATED_APP, siteAri, type AppIdentity } from '../appIdentity';
import { principalHeaders, type Principal } from '../principal';
import type { KvsStore } from './kvsStore';
import type { InProcessQueue } from './queue';
import { toResponse } from './wire';

/**
 * The Forge runtime seam: installs the two globals the real @forge packages talk to, so app code
 * runs unchanged against local fakes.
 *
 * - `global.__forge_fetch__(target, path, init)`: every product, storage and queue call of
 *   @forge/api 8, @forge/kvs 1.6 and @forge/events 3 (`node_modules/@forge/api/out/api/fetch.js`,
 *   `@forge/kvs/out/index.js`, `@forge/events/out/queries.js`). Targets:
 *   `{type:'fpp', provider:'app'|'user', remote:'jira'}` goes over real HTTP to the Jira simulator;
 *   `{type:'kvs'}` to the in-memory KVS; `{type:'fpp', remote:'stargate'}` to the in-process queue.
 * - `global.__forge_runtime__`: `appContext`, `lambdaContext.getRemainingTimeInMillis`, `aaid`
 *   (the invoking user, read by `authorize()` and used for `asUser()` without an account id),
 *   `metrics`, `tracing`, `proxy`, `contextAri`, `featureFlags` (shape from `ForgeRuntime` in
 *   `@forge/api/out/api/runtime.d.ts`).
 *
 * Both are read lazily on every call, except that @forge/kvs chooses its client when first
 * imported (`runtime.kvs.url` set means a direct KVS connection). This runtime never sets
 * `runtime.kvs`, so the proxied `{type:'kvs'}` client is chosen whichever is imported first; still,
 * install the runtime before importing any @forge module (the jest setup file does).
 */

export interface InstallForgeRuntimeOptions {
  /** Base URL of the Jira simulator; may be given later with `connectJira`. */
  jiraBaseUrl?: string;
  kvs: KvsStore;
  queue: InProcessQueue;
  app?: Partial<AppIdentity>;
  /** Overrides `app.appAccountId`: the account asApp() calls act as. */
  appAccountId?: string;
  remainingTimeMs?: () => number;
  /** The invoking user (`context.accountId` of a resolver); undefined in triggers and consumers. */
  invokingAccountId?: string;
  moduleKey?: string;
}

export interface ForgeRuntimeHandle {
  readonly app: AppIdentity;
  readonly kvs: KvsStore;
  readonly queue: InProcessQueue;
  connectJira(baseUrl: string): void;
  /** Sets the invoking user: `asUser()` calls act as this account; `undefined` is a user-less invocation. */
  actAsUser(accountId: string | undefined): void;
  setRemainingTimeMs(remainingTimeMs: () => number): void;
  /** Replaces the stores (for a fresh state per test). */
  useStores(stores: { kvs?: KvsStore; queue?: InProcessQueue }): void;
  uninstall(): void;
}

/** Product targets as `__fetchProduct` in @forge/api builds them. */
interface FetchTarget {
  type: string;
  provider?: 'app' | 'user' | 'none';
  remote?: string;
  accountId?: string;
}

/** The full invocation budget of a trigger or resolver (https://developer.atlassian.com/platform/forge/limits-invocation/). */
const DEFAULT_INVOCATION_MS = 25_000;
const HANDLE_KEY = Symbol.for('integration-radar.sim.forgeRuntime');

type GlobalWithForge = typeof globalThis & {
  __forge_fetch__?: (target: FetchTarget, path: string, init?: RequestInit) => Promise<Response>;
  __forge_runtime__?: unknown;
  [HANDLE_KEY]?: ForgeRuntimeHandle;
};

export function installForgeRuntime(options: InstallForgeRuntimeOptions): ForgeRuntimeHandle {
  const app: AppIdentity = { ...SIMULATED_APP, ...options.app, ...(options.appAccountId ? { appAccountId: options.appAccountId } : {}) };
  let jiraBaseUrl = options.jiraBaseUrl;
  let kvs = options.kvs;
  let queue = options.queue;
  let remainingTimeMs = options.remainingTimeMs ?? (() => DEFAULT_INVOCATION_MS);
  const moduleKey = options.moduleKey ?? 'integration-radar';
  const runtime = {
    proxy: { token: 'simulated', url: 'http://127.0.0.1' },
    contextAri: siteAri(app),
    container: {},
    appContext: {
      appId: app.appId,
      appVersion: app.appVersion,
      environmentId: app.environmentId,
      environmentType: app.environmentType,
      invocationId: 'simulated-invocation',
      installationId: app.installationId,
      functionKey: moduleKey,
      moduleType: 'simulated',
      moduleKey,
    },
    aaid: options.invokingAccountId,
    lambdaContext: { awsRequestId: 'simulated', getRemainingTimeInMillis: () => remainingTimeMs() },
    tracing: { traceId: 'simulated-trace', spanId: 'simulated-span' },
    realtime: {},
    metrics: silentMetrics,
    featureFlags: () => false,
  };

  const forgeFetch = async (target: FetchTarget, path: string, init: RequestInit = {}): Promise<Response> => {
    if (target.type === 'kvs') return toResponse(kvs.handle(path, parseBody(init.body)));
    if (target.type === 'fpp' && target.remote === 'stargate') return toResponse(queue.handle(path, parseBody(init.body)));
    if (target.type === 'fpp' && target.remote === 'jira') {
      if (!jiraBaseUrl) throw new Error('No Jira simulator connected: call connectJira(sim.url) first');
      const principal = principalFor(target, app, runtime.aaid);
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(principalHeaders(principal))) headers.set(name, value);
      return fetch(new URL(path, jiraBaseUrl), { ...init, headers });
    }
    throw new Error(`The simulated Forge runtime does not route ${JSON.stringify(target)} ${path}`);
  };

  const globals = globalThis as GlobalWithForge;
  globals.__forge_fetch__ = forgeFetch;
  globals.__forge_runtime__ = runtime;
  const handle: ForgeRuntimeHandle = {
    app,
    get kvs() {
      return kvs;
    },
    get queue() {
      return queue;
    },
    connectJira: (baseUrl) => {
      jiraBaseUrl = baseUrl;
    },
    actAsUser: (accountId) => {
      runtime.aaid = accountId;
    },
    setRemainingTimeMs: (fn) => {
      remainingTimeMs = fn;
    },
    useStores: (stores) => {
      kvs = stores.kvs ?? kvs;
      queue = stores.queue ?? queue;
    },
    uninstall: () => {
      if (globals.__forge_fetch__ === forgeFetch) delete globals.__forge_fetch__;
      if (globals.__forge_runtime__ === runtime) delete globals.__forge_runtime__;
      if (globals[HANDLE_KEY] === handle) delete globals[HANDLE_KEY];
    },
  };
  globals[HANDLE_KEY] = handle;
  return handle;
}

/** The runtime installed in this realm (by the jest setup file or the sandbox). */
export function currentForgeRuntime(): ForgeRuntimeHandle {
  const handle = (globalThis as GlobalWithForge)[HANDLE_KEY];
  if (!handle) throw new Error('No simulated Forge runtime installed: call installForgeRuntime() first');
  return handle;
}

/**
 * `asApp()` acts as the app's account. `asUser(accountId?)` acts as that account, or as the
 * invoking user when none is given, which is how the platform fills in the user's token.
 */
function principalFor(target: FetchTarget, app: AppIdentity, invokingAccountId: string | undefined): Principal {
  if (target.provider === 'app') return { kind: 'app', accountId: app.appAccountId };
  if (target.provider === 'user') {
    const accountId = target.accountId ?? invokingAccountId;
    if (!accountId) throw new Error('asUser() was called in an invocation without a user (no aaid): use asApp() in triggers and consumers');
    return { kind: 'user', accountId };
  }
  throw new Error('requestJira() without asApp()/asUser() is not used by this app: choose the principal explicitly');
}

function parseBody(body: RequestInit['body']): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'string') throw new Error('The simulated Forge services expect JSON string bodies');
  return JSON.parse(body) as unknown;
}

const silentTimer = { stop: () => undefined };
const silentMetrics = {
  counter: () => ({ incr: () => undefined, incrBy: () => undefined, decr: () => undefined, decrBy: () => undefined }),
  timing: () => ({ measure: () => silentTimer }),
  gauge: () => ({ set: () => undefined }),
};
