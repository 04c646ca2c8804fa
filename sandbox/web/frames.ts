import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { UiModule } from '../forgeApp';
import { THEME_ATTRIBUTES } from './assets';

/**
 * The Custom UI pages inside the sandbox's issue view and admin page, as Jira shows them in an
 * iframe: `/frames/<moduleKey>/` serves the page's built files (`static/<resource>/build/`) when
 * they exist, otherwise the folder the manifest's resource points at. Before the page's own
 * scripts, the host defines `window.__bridge`, the object `@forge/bridge` calls
 * (`node_modules/@forge/bridge/out/bridge.js`): `getContext` answers the module's context, and
 * `invoke` posts to `/__bridge/<frame>/invoke`, which the server runs through the module's real
 * resolver function. The context (module, issue, user) is fixed by the server when it serves the
 * page, never taken from the browser's request, as Forge takes it from the platform
 * (https://developer.atlassian.com/platform/forge/app-context-security/).
 */
export interface Frame {
  module: UiModule;
  issue?: { id: string; key: string; projectId: string };
}

/** Frames older than this many page views are forgotten; their pages ask to be reloaded. */
const MAX_FRAMES = 500;

export class FrameRegistry {
  private readonly frames = new Map<string, Frame>();

  open(frame: Frame): string {
    const id = randomUUID();
    this.frames.set(id, frame);
    if (this.frames.size > MAX_FRAMES) this.frames.delete(this.frames.keys().next().value as string);
    return id;
  }

  get(id: string): Frame | undefined {
    return this.frames.get(id);
  }
}

/** The folder a module's page is served from: the Vite build when present, else the manifest's resource. */
export function pageRoot(repoRoot: string, module: UiModule): { dir: string; built: boolean } {
  const build = path.join(repoRoot, 'static', module.resource, 'build');
  if (existsSync(path.join(build, 'index.html'))) return { dir: build, built: true };
  return { dir: path.join(repoRoot, module.resourcePath), built: false };
}

/** A file of the page's folder; undefined for anything outside it or missing. */
export function pageFile(root: string, relative: string): string | undefined {
  const file = path.resolve(root, relative || 'index.html');
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}

/** The page's index.html with the bridge loaded first in <head>. */
export function pageHtml(file: string, frameId: string): string {
  const source = readFileSync(file, 'utf8');
  const tag = `<script src="/__bridge/${frameId}/bridge.js"></script>`;
  return /<head[^>]*>/i.test(source) ? source.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`) : tag + source;
}

/** The page side of the bridge; `context` is what `view.getContext()` resolves to. */
export function bridgeScript(frameId: string, context: Record<string, unknown>): string {
  return `(() => {
  const context = ${JSON.stringify(context).replace(/</g, '\\u003c')};
  const theme = ${JSON.stringify(THEME_ATTRIBUTES)};
  const invoke = async (functionKey, payload) => {
    const response = await fetch('/__bridge/${frameId}/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ functionKey, payload }) });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.message);
    return answer.result;
  };
  const locationUrl = (location) => {
    if (location.url) return location.url;
    if (location.target === 'issue' && location.issueKey) return '/browse/' + encodeURIComponent(location.issueKey);
    throw new Error('The sandbox cannot open ' + JSON.stringify(location));
  };
  window.__bridge = {
    callBridge: async (command, payload) => {
      switch (command) {
        case 'getContext': return context;
        case 'invoke': return invoke(payload.functionKey, payload.payload);
        case 'enableTheming': {
          for (const [name, value] of Object.entries(theme)) document.documentElement.setAttribute(name, value);
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = '/assets/tokens.css';
          document.head.append(link);
          return undefined;
        }
        case 'navigate': {
          const url = locationUrl(payload);
          if (payload.type === 'new-tab') window.open(url, '_blank', 'noopener');
          else window.top.location.assign(url);
          return undefined;
        }
        case 'getUrl': return new URL(locationUrl(payload), window.location.origin).href;
        default: throw new Error('The sandbox does not implement the bridge command ' + command);
      }
    },
  };
})();
`;
}
