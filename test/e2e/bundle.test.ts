import * as fs from 'node:fs';
import * as path from 'node:path';
import { pageBuildDir, UI_PAGES } from '../../static/pages';
import { ensureUiBuilt } from '../../static/uiBuild';
import { PAGE_SKELETONS, skeletonHtml, type SkeletonShape } from '../../static/src/shared/skeleton';

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

  test('a panel paints its loading skeleton from index.html, the markup its Skeleton component renders', () => {
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const shape = (PAGE_SKELETONS as Record<string, SkeletonShape>)[page];
    if (shape) expect(html).toContain(`<div id="root">${skeletonHtml(shape)}</div>`);
    else expect(html).not.toContain('data-testid="skeleton"');
  });

  test('is a production build with no viewport-height root', () => {
    const assets = fs.readdirSync(path.join(dir, 'assets')).map((file) => fs.readFileSync(path.join(dir, 'assets', file), 'utf8'));
    // React's development build carries this warning; the production build does not.
    expect(assets.some((asset) => asset.includes('Each child in a list should have a unique'))).toBe(false);
    expect(assets.some((asset) => /\b100vh\b/.test(asset))).toBe(false);
  });

  test('ships Preact in place of React DOM, and of @forge/bridge only the modules the pages use', () => {
    const script = fs
      .readdirSync(path.join(dir, 'assets'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => fs.readFileSync(path.join(dir, 'assets', file), 'utf8'))
      .join('\n');
    // React DOM's production build names its errors this way; Preact has no such text.
    expect(script).not.toContain('Minified React error');
    // The bridge itself is in (it finds the host's window.__bridge)...
    expect(script).toContain('Unable to establish a connection with the Custom UI bridge');
    // ...but not the i18n, egress and object-store modules its CommonJS index loads.
    expect(script).not.toContain('FORGE_SUPPORTED_LOCALE_CODES');
  });
});
