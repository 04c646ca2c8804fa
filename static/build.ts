/**
 * `npm run build:ui`: builds each Custom UI page with Vite into the folder the manifest's resource
 * points at, `static/<page>/build/`. Pages are built separately because each is its own Forge
 * resource (its own iframe): nothing is shared at run time. Forge serves the files as they are:
 * asset paths must be relative (`base: './'`) and every script a file of the bundle, never
 * inline or external (https://developer.atlassian.com/platform/forge/custom-ui/#accessing-static-assets).
 */
import * as path from 'node:path';
import { build } from 'vite';
import { UI_PAGES, pageBuildDir, pageSourceDir } from './pages';

async function buildPage(page: string): Promise<void> {
  await build({
    configFile: false,
    root: pageSourceDir(page),
    base: './',
    mode: 'production',
    // React picks its production build from NODE_ENV; fixed here so a build started from jest (NODE_ENV=test) is the same.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    logLevel: 'warn',
    // Vite 8 (oxc) compiles JSX with React's automatic runtime; no plugin needed for a production build.
    oxc: { jsx: { runtime: 'automatic' } },
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
