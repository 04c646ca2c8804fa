/**
 * The page host of `bench/ui.ts`, in a process of its own (started by `startUiHost`): the Jira
 * simulator, the simulated Forge runtime, the real panel resolver and the host serving the built
 * pages (test/e2e/support/forgeHost.ts). On Forge the resolver runs elsewhere than the browser;
 * here it would otherwise share one event loop with Playwright's traffic to the browser, and the
 * page's calls would wait behind it. The parent asks over IPC for a frame (the page's URL and
 * bridge script) and, when the view is over, for how long the resolver itself took for each call.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { KvsStore } from '../sim/forge/kvsStore';
import { InProcessQueue } from '../sim/forge/queue';
import { installForgeRuntime } from '../sim/forge/runtime';
import { startJiraSimulator } from '../sim/jira';
import { USERS } from '../test/support/jiraFixtures';
import { e2eJira } from '../test/e2e/support/e2eJira';
import { ForgeUiHost, type RegisteredFrame, type ResolverFunction } from '../test/e2e/support/forgeHost';

/** A frame for the issue panel of `issueKey`, seen by the editor: what the browser needs to open it. */
export interface BenchFrame {
  url: string;
  bridgeScript: string;
}

/** The resolver's own time for one call of the frame, measured in the host process. */
export interface ResolverTiming {
  functionKey: string;
  ms: number;
}

type Request = { id: number } & ({ type: 'register'; issueKey: string } | { type: 'unregister'; frame: string } | { type: 'close' });
type Reply = { id: number } & ({ type: 'registered'; frame: string; url: string; bridgeScript: string } | { type: 'unregistered'; timings: ResolverTiming[] } | { type: 'closed' });

export interface UiHostProcess {
  register(issueKey: string): Promise<BenchFrame & { frame: string }>;
  /** Stops serving the frame; the resolver timings of its calls. */
  unregister(frame: string): Promise<ResolverTiming[]>;
  close(): Promise<void>;
}

/** Starts the host process (this file, run by tsx) and waits until it serves. */
export async function startUiHost(): Promise<UiHostProcess> {
  const child: ChildProcess = fork(__filename, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`The UI host process exited (${code}) before serving`)));
  });
  child.on('message', (reply: Reply) => pending.get(reply.id)?.(reply));
  const ask = <T extends Reply['type']>(request: Request, type: T) =>
    new Promise<Extract<Reply, { type: T }>>((resolve) => {
      pending.set(request.id, (reply) => {
        pending.delete(request.id);
        if (reply.type === type) resolve(reply as Extract<Reply, { type: T }>);
      });
      child.send(request);
    });
  return {
    register: async (issueKey) => {
      const { frame, url, bridgeScript } = await ask({ id: (nextId += 1), type: 'register', issueKey }, 'registered');
      return { frame, url, bridgeScript };
    },
    unregister: async (frame) => (await ask({ id: (nextId += 1), type: 'unregister', frame }, 'unregistered')).timings,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ id: (nextId += 1), type: 'close' }, 'closed');
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  // The real @forge packages find the simulated runtime only if it is installed before they load.
  const runtime = installForgeRuntime({ kvs: new KvsStore(), queue: new InProcessQueue() });
  const { createPanelResolver } = await import('../src/entry/panel/resolver');
  const { MODULE_KEYS } = await import('../src/moduleKeys');
  const sim = await startJiraSimulator(e2eJira());
  runtime.connectJira(sim.url);
  const host = await ForgeUiHost.start();
  // The resolver logs a line per call; the figures are what the parent prints.
  console.info = () => undefined;
  const panelResolver = createPanelResolver();
  const frames = new Map<string, { frame: RegisteredFrame; timings: ResolverTiming[] }>();
  let frameCount = 0;

  const send = (reply: Reply) => process.send!(reply);
  process.on('message', (request: Request) => {
    switch (request.type) {
      case 'register': {
        const issue = sim.state.issue(request.issueKey)!;
        const timings: ResolverTiming[] = [];
        const resolver: ResolverFunction = async (call, context) => {
          const started = performance.now();
          try {
            return await panelResolver(call, context);
          } finally {
            timings.push({ functionKey: (call as { call: { functionKey: string } }).call.functionKey, ms: performance.now() - started });
          }
        };
        const frame = host.register({
          page: 'issue-panel',
          moduleKey: MODULE_KEYS.issuePanel,
          resolver,
          accountId: USERS.editor,
          actAsUser: (accountId) => runtime.actAsUser(accountId),
          issue: { id: issue.id, key: issue.key, projectId: sim.state.projectOf(issue).id },
        });
        const key = String((frameCount += 1));
        frames.set(key, { frame, timings });
        return send({ id: request.id, type: 'registered', frame: key, url: frame.url, bridgeScript: frame.bridgeScript });
      }
      case 'unregister': {
        const entry = frames.get(request.frame);
        entry?.frame.unregister();
        frames.delete(request.frame);
        return send({ id: request.id, type: 'unregistered', timings: entry?.timings ?? [] });
      }
      case 'close':
        void Promise.all([host.close(), sim.close()]).then(() => {
          runtime.uninstall();
          send({ id: request.id, type: 'closed' });
          process.disconnect();
        });
    }
  });
  // A parent that ends without closing (an error, Ctrl-C) takes the host with it.
  process.on('disconnect', () => process.exit());
  process.send!({ type: 'serving' });
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
