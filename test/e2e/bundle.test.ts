import * as fs from 'node:fs';
import * as path from 'node:path';
import { pageBuildDir, UI_PAGES } from '../../static/pages';
import { ensureUiBuilt } from '../../static/uiBuild';

/**
 * What Forge requires of a Custom UI resource (https://developer.atlassian.com/platform/forge/custom-ui/):
 * an index.html whose assets load by relative path from the bundle itself, no external or inline
 * scripts (the default CSP allows neither), and a root the host can size (no 100vh).
 */
beforeAll(() => ensureUiBuilt(), 120_000);

describe.each(UI_PAGES)('the %s bundle', (page) => {
  const dir = pageBuildDir(page);

  test('loads its script and stylesheet from its own folder by relative path, and nothing else', () => {
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const reference of references) {
      expect(reference).toMatch(/^\.\/assets\/[\w.-]+\.(js|css)$/);
      expect(fs.existsSync(path.join(dir, reference))).toBe(true);
    }
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(1);
    expect(scripts[0]![1]).toContain('src="./assets/');
    expect(scripts[0]![2]!.trim()).toBe('');
  });

  test('is a production build with no viewport-height root', () => {
    const assets = fs.readdirSync(path.join(dir, 'assets')).map((file) => fs.readFileSync(path.join(dir, 'assets', file), 'utf8'));
    // React's development build carries this warning; the production build does not.
    expect(assets.some((asset) => asset.includes('Each child in a list should have a unique'))).toBe(false);
    expect(assets.some((asset) => /\b100vh\b/.test(asset))).toBe(false);
  });
});
