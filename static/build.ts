/**
 * `npm run build:ui`: builds each Custom UI page with Vite into the folder the manifest's resource
 * points at, `static/<page>/build/`. Pages are built separately because each is its own Forge
 * resource (its own iframe): nothing is shared at run time. Forge serves the files as they are:
 * asset paths must be relative (`base: './'`) and every script a file of the bundle, never
 * inline or external (https://developer.atlassian.com/platform/forge/custom-ui/#accessing-static-assets).
 */
import * as path from 'node:path';
import { build, type Plugin } from 'vite';
import { UI_PAGES, pageBuildDir, pageSourceDir } from './pages';
import { PAGE_SKELETONS, skeletonHtml, type SkeletonShape } from './src/shared/skeleton';

/**
 * The pages are written against React's API (and type-checked with @types/react) but ship Preact's
 * compatibility layer: the same components in a tenth of the script the page must download, parse
 * and run before it shows anything. A resolver plugin rather than `resolve.alias`, whose entries
 * Vite 8's bundled build does not apply to these bare imports.
 */
const REACT_TO_PREACT: Readonly<Record<string, string>> = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/jsx-runtime',
};

const preactForReact: Plugin = {
  name: 'integration-radar:preact-for-react',
  enforce: 'pre',
  resolveId(source, importer) {
    const replacement = REACT_TO_PREACT[source];
    return replacement ? this.resolve(replacement, importer, { skipSelf: true }) : null;
  },
};

/**
 * @forge/bridge's index is CommonJS that loads every bridge API (i18n, egress filtering, object
 * store, events, with lodash) when it runs, and a bundler cannot drop what CommonJS requires: it
 * made half of a panel's script, all run before the page could ask for its data. The pages use
 * three of its APIs, so `@forge/bridge` resolves to a module of just those, taken from the files
 * that define them (its `exports` map lists only the index, hence absolute paths; these files do
 * not need tslib either, which the index's re-exports do). `view` has
 * only `theme` here: a page using another `view` method, or importing another API, fails the build
 * with a message saying to add it below.
 */
const FORGE_BRIDGE_OUT = path.dirname(require.resolve('@forge/bridge'));
const SLIM_FORGE_BRIDGE_ID = '\0slim-forge-bridge';
const SLIM_FORGE_BRIDGE = `
export { invoke } from ${JSON.stringify(path.join(FORGE_BRIDGE_OUT, 'invoke', 'invoke.js'))};
export { router } from ${JSON.stringify(path.join(FORGE_BRIDGE_OUT, 'router', 'router.js'))};
import { theme } from ${JSON.stringify(path.join(FORGE_BRIDGE_OUT, 'view', 'theme.js'))};
export const view = { theme };
`;

const slimForgeBridge: Plugin = {
  name: 'integration-radar:slim-forge-bridge',
  enforce: 'pre',
  resolveId(source) {
    return source === '@forge/bridge' ? SLIM_FORGE_BRIDGE_ID : null;
  },
  load(id) {
    return id === SLIM_FORGE_BRIDGE_ID ? SLIM_FORGE_BRIDGE : null;
  },
  transform(code, id) {
    if (!/import\s*\{[^}]*\bview\b[^}]*\}\s*from\s*['"]@forge\/bridge['"]/.test(code)) return null;
    const unsupported = /(?<![.\w])view\.(?!theme\b)\w+/.exec(code);
    if (unsupported) this.error(`${id} uses ${unsupported[0]}, which static/build.ts's slim @forge/bridge does not include: add it there.`);
    return null;
  },
};

/**
 * Writes a panel's loading skeleton into its index.html (`<div id="root" data-skeleton="issue-panel">`)
 * from shared/skeleton.ts, the definition the page's own Skeleton component renders: painted
 * before any script has loaded, and the same markup the page shows until the analysis is in.
 */
const ROOT_WITH_SKELETON = /<div id="root" data-skeleton="([\w-]+)"><\/div>/;
const staticSkeleton: Plugin = {
  name: 'integration-radar:static-skeleton',
  transformIndexHtml(html) {
    const root = ROOT_WITH_SKELETON.exec(html);
    if (!root) return html;
    const shape: SkeletonShape | undefined = (PAGE_SKELETONS as Record<string, SkeletonShape>)[root[1]!];
    if (!shape) throw new Error(`index.html asks for the skeleton "${root[1]}", which shared/skeleton.ts does not define.`);
    return html.replace(root[0], `<div id="root">${skeletonHtml(shape)}</div>`);
  },
};

async function buildPage(page: string): Promise<void> {
  await build({
    configFile: false,
    root: pageSourceDir(page),
    base: './',
    mode: 'production',
    // Libraries pick their production code from NODE_ENV; fixed here so a build started from jest (NODE_ENV=test) is the same.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    logLevel: 'warn',
    // Vite 8 (oxc) compiles JSX with React's automatic runtime; no plugin needed for a production build.
    oxc: { jsx: { runtime: 'automatic' } },
    plugins: [preactForReact, slimForgeBridge, staticSkeleton],
    build: {
      outDir: pageBuildDir(page),
      emptyOutDir: true,
      target: 'es2022',
      // No inlined assets: Forge's CSP for Custom UI allows scripts and styles from the bundle's own files.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  for (const page of UI_PAGES) await buildPage(page);
  console.log(`Built ${UI_PAGES.map((page) => path.relative(process.cwd(), pageBuildDir(page))).join(', ')} in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
