import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATIC_DIR, UI_PAGES, pageBuildDir } from './pages';

/**
 * Builds the Custom UI (`npm run build:ui`) when a bundle is missing or older than its sources,
 * so the browser tests run on a clean checkout and always test the current code. Done here, by
 * the browser tests, rather than in a jest globalSetup: only runs that include a browser test pay
 * for the build, and a UI that does not compile fails those tests instead of every test. A lock
 * directory (mkdir is atomic) keeps parallel test files from building at the same time.
 */
const REPO_ROOT = path.resolve(STATIC_DIR, '..');
/** What the bundles are made of: the pages, what they import from src/ (contract, config schema, core), the build itself and the installed packages. */
const SOURCES = [
  path.join(STATIC_DIR, 'src'),
  path.join(STATIC_DIR, 'build.ts'),
  path.join(STATIC_DIR, 'pages.ts'),
  path.join(REPO_ROOT, 'src', 'contract.ts'),
  path.join(REPO_ROOT, 'src', 'config', 'schema.ts'),
  path.join(REPO_ROOT, 'src', 'analysis'),
  path.join(REPO_ROOT, 'package-lock.json'),
];
const LOCK_DIR = path.join(STATIC_DIR, '.build-lock');
const LOCK_STALE_MS = 120_000;

export function ensureUiBuilt(): void {
  if (!isStale()) return;
  withLock(() => {
    if (!isStale()) return;
    execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(STATIC_DIR, 'build.ts')], { cwd: REPO_ROOT, stdio: 'inherit' });
  });
}

function isStale(): boolean {
  const built = UI_PAGES.map((page) => mtimeOf(path.join(pageBuildDir(page), 'index.html')));
  if (built.some((time) => time === undefined)) return true;
  const oldestBuild = Math.min(...(built as number[]));
  return SOURCES.some((source) => newestMtime(source) > oldestBuild);
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function withLock(build: () => void): void {
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is taken over once it is older than any build takes.
      if (Date.now() - (mtimeOf(LOCK_DIR) ?? 0) > LOCK_STALE_MS) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}
