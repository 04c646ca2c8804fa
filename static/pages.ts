import * as path from 'node:path';

/** The Custom UI pages: each has its sources in `static/src/<page>/` and is built to `static/<page>/build/`. */
export const UI_PAGES = ['issue-panel', 'side-panel', 'admin'] as const;
export type UiPage = (typeof UI_PAGES)[number];

export const STATIC_DIR = __dirname;

export function pageSourceDir(page: string): string {
  return path.join(STATIC_DIR, 'src', page);
}

export function pageBuildDir(page: string): string {
  return path.join(STATIC_DIR, page, 'build');
}
