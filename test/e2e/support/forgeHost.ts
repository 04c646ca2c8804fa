import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type Resolver from '@forge/resolver';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pageBuildDir, UI_PAGES, type UiPage } from '../../../static/pages';
import { hostTheme, type ColorMode } from './theme';
import { forgeModuleContext } from '../../../sim/forge/resolverInvocation';

/**
 * A stand-in for Jira's side of a Custom UI page: serves the built pages on 127.0.0.1 and defines
 * `window.__bridge` before the bundle loads, as the Forge iframe does (`@forge/bridge` looks it up
 * when its modules load: node_modules/@forge/bridge/out/bridge.js). The bridge routes `invoke` to
 * the app's REAL resolver function in the host's process (the test's, or bench/uiHost.ts's), with
 * the context the platform would give it (the module, the issue, the signed-in user), so the page
 * talks to the real resolvers, which talk to the Jira simulator through the simulated Forge runtime.
 *
 * No Content-Security-Policy is sent: the XSS test must show that the pages render ticket text
 * safely by themselves, not that a CSP blocked what they let through.
 */

/** A Forge function module's handler, as `new Resolver().getDefinitions()` returns it. */
export type ResolverFunction = ReturnType<Resolver['getDefinitions']>;

export interface IssueRef {
  id: string;
  key: string;
  projectId: string;
}

/** What the host needs to serve one page and answer its bridge: see `register`. */
export interface FrameOptions {
  page: UiPage;
  /** The manifest module rendering the page; the platform puts it in the resolver's context. */
  moduleKey: string;
  /** The function module bound to the page (`resolver: { function }` in the manifest). */
  resolver: ResolverFunction;
  /** The signed-in user; asUser() calls act as this account. */
  accountId: string;
  /** Sets who `asUser()` acts as for the duration of a resolver call (the test runtime's actAsUser). */
  actAsUser: (accountId: string | undefined) => void;
  issue?: IssueRef;
  colorMode?: ColorMode;
}

export interface OpenPageOptions extends FrameOptions {
  viewport?: { width: number; height: number };
  /** Runs in the page before anything else, after the bridge is defined. */
  initScript?: string;
  /** A browser context to open the page in (keeping its HTTP cache, as a user viewing issue after issue); a fresh one by default. */
  context?: BrowserContext;
}

/** One page the host serves (a Forge iframe), before any browser opens it. */
export interface RegisteredFrame {
  /** The page's address on the host. */
  url: string;
  /** What the page must run before anything else: defines `window.__bridge` for this frame. */
  bridgeScript: string;
  /** Every `invoke` the page made, in order, with the resolver's answer (undefined while it runs). */
  invocations: Array<{ functionKey: string; payload: unknown; result?: unknown }>;
  /** Every `router.navigate`/`router.open` the page asked for. */
  navigations: unknown[];
  /** Stops answering the frame's bridge calls. */
  unregister(): void;
}

export interface HostedPage extends Pick<RegisteredFrame, 'invocations' | 'navigations'> {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** What the host does for one open page: run its resolver function, record where it navigates. */
interface Frame {
  invoke(functionKey: string, payload: unknown): Promise<unknown>;
  navigate(location: unknown): void;
}

export class ForgeUiHost {
  private readonly frames = new Map<string, Frame>();
  private server: Server | undefined;
  private origin = '';

  static async start(): Promise<ForgeUiHost> {
    const host = new ForgeUiHost();
    const server = createServer((request, response) => {
      host.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host.server = server;
    host.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return host;
  }

  pageUrl(page: UiPage): string {
    return `${this.origin}/${page}/`;
  }

  /**
   * Makes the host answer one page's bridge: its `invoke` runs `options.resolver` with the context
   * the platform would give it. Opening the page is the caller's: `open` does it with Playwright; a
   * host in another process than the browser's driver (bench/uiHost.ts) hands the URL and the
   * bridge script over.
   */
  register(options: FrameOptions): RegisteredFrame {
    const invocations: RegisteredFrame['invocations'] = [];
    const navigations: unknown[] = [];
    const forgeContext = platformContext(options);
    const frameId = randomUUID();
    this.frames.set(frameId, {
      invoke: async (functionKey, payload) => {
        const invocation: RegisteredFrame['invocations'][number] = { functionKey, payload };
        invocations.push(invocation);
        options.actAsUser(options.accountId);
        try {
          invocation.result = await options.resolver({ call: { functionKey, payload }, context: forgeContext }, { principal: { accountId: options.accountId } });
          return invocation.result;
        } finally {
          options.actAsUser(undefined);
        }
      },
      navigate: (location) => navigations.push(location),
    });
    return {
      url: this.pageUrl(options.page),
      bridgeScript: bridgeScript(frameId, forgeContext, hostTheme(options.colorMode ?? 'light')),
      invocations,
      navigations,
      unregister: () => this.frames.delete(frameId),
    };
  }

  async open(browser: Browser, options: OpenPageOptions): Promise<HostedPage> {
    const ownContext = !options.context;
    const context =
      options.context ??
      (await browser.newContext({
        viewport: options.viewport ?? { width: 900, height: 800 },
        permissions: ['clipboard-read', 'clipboard-write'],
        acceptDownloads: true,
        colorScheme: options.colorMode ?? 'light',
      }));
    const frame = this.register(options);
    const page = await context.newPage();
    await page.addInitScript({ content: frame.bridgeScript });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    await page.goto(frame.url);
    return {
      page,
      context,
      invocations: frame.invocations,
      navigations: frame.navigations,
      close: async () => {
        await (ownContext ? context.close() : page.close());
        frame.unregister();
      },
    };
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close((error) => (error ? reject(error) : resolve()));
    });
  }

  /** The built pages, and the bridge's calls: `POST /__host/<frame>/invoke` and `/navigate`. */
  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const urlPath = new URL(request.url ?? '/', this.origin).pathname;
    const bridgeCall = /^\/__host\/([\w-]+)\/(invoke|navigate)$/.exec(urlPath);
    if (bridgeCall && request.method === 'POST') {
      const frame = this.frames.get(bridgeCall[1]!);
      if (!frame) return void response.writeHead(404).end();
      const body = JSON.parse(await readBody(request)) as { functionKey: string; payload: unknown; location: unknown };
      const result = bridgeCall[2] === 'invoke' ? await frame.invoke(body.functionKey, body.payload) : frame.navigate(body.location);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ result }));
      return;
    }
    // Browsers ask every origin for an icon; a Forge page has none either.
    if (urlPath === '/favicon.ico') return void response.writeHead(204).end();
    const file = resolveFile(urlPath);
    if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    // Vite names assets by content hash, so they can be cached for good; the page itself is revalidated.
    const cacheControl = urlPath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': cacheControl });
    fs.createReadStream(file).pipe(response);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** `/<page>/...` is served from `static/<page>/build/...`; nothing outside a build folder is reachable. */
function resolveFile(urlPath: string): string | undefined {
  const [, page, ...rest] = decodeURIComponent(urlPath).split('/');
  if (!UI_PAGES.includes(page as UiPage)) return undefined;
  const root = pageBuildDir(page as UiPage);
  const file = path.resolve(root, rest.join('/') || 'index.html');
  if (!file.startsWith(root + path.sep)) return undefined;
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}

/** The context Jira gives a module (`view.getContext()` in the page, `context` in the resolver): the one resolvers get in the simulator. */
function platformContext(options: FrameOptions): Record<string, unknown> {
  return forgeModuleContext({
    moduleKey: options.moduleKey,
    accountId: options.accountId,
    extensionType: EXTENSION_TYPES[options.page],
    ...(options.issue ? { issue: { id: options.issue.id, key: options.issue.key }, projectId: options.issue.projectId } : {}),
  });
}

const EXTENSION_TYPES: Record<UiPage, string> = {
  'issue-panel': 'jira:issuePanel',
  'side-panel': 'jira:issueContext',
  admin: 'jira:adminPage',
};

/**
 * The page side of the host: `window.__bridge.callBridge(command, payload)` for the commands the
 * pages use. Resolver calls and navigations go to the host over HTTP, serialised as JSON as Forge
 * sends them to its invocation service. `enableTheming` applies the theme the way Jira does
 * (attributes on <html>, token CSS).
 */
function bridgeScript(frameId: string, context: Record<string, unknown>, theme: { attributes: Record<string, string>; css: string }): string {
  return `(() => {
    const context = ${JSON.stringify(context)};
    const theme = ${JSON.stringify(theme)};
    const toHost = async (action, body) => {
      const response = await fetch('/__host/${frameId}/' + action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.message);
      return answer.result;
    };
    const applyTheme = () => {
      for (const [name, value] of Object.entries(theme.attributes)) document.documentElement.setAttribute(name, value);
      const style = document.createElement('style');
      style.dataset.forgeHostTheme = '';
      style.textContent = theme.css;
      document.head.append(style);
    };
    window.__bridge = {
      callBridge: async (command, payload) => {
        switch (command) {
          case 'getContext': return context;
          case 'invoke': return toHost('invoke', { functionKey: payload.functionKey, payload: payload.payload });
          case 'enableTheming': applyTheme(); return undefined;
          case 'navigate': return toHost('navigate', { location: payload });
          default: throw new Error('The test host does not implement bridge command ' + command);
        }
      },
    };
  })();`;
}
