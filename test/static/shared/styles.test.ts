import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * styles.css uses only Atlassian design tokens that exist, and each `var(--ds-…, fallback)` falls
 * back to the token's value in the light theme, so the page looks the same before Jira's theme
 * arrives as after it in light mode (the values come from @atlaskit/tokens' generated themes).
 */
const STYLES = fs.readFileSync(path.join(__dirname, '../../../static/src/shared/styles.css'), 'utf8');
const THEMES = ['light', 'spacing', 'typography', 'shape'];

function lightThemeValues(): Map<string, string> {
  const values = new Map<string, string>();
  for (const theme of THEMES) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const css = (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${theme}.js`) as { default: string }).default;
    for (const [, name, value] of css.matchAll(/(--ds-[a-z0-9-]+):\s*([^;]+);/g)) if (!values.has(name!)) values.set(name!, value!.trim());
  }
  return values;
}

/** Every `var(--ds-name, fallback)` of a stylesheet, with nested parentheses in the fallback. */
function tokenUses(css: string): Array<{ name: string; fallback: string | undefined }> {
  const uses: Array<{ name: string; fallback: string | undefined }> = [];
  for (let at = css.indexOf('var(--ds-'); at >= 0; at = css.indexOf('var(--ds-', at + 1)) {
    let depth = 0;
    let end = at + 3;
    for (; end < css.length; end += 1) {
      if (css[end] === '(') depth += 1;
      else if (css[end] === ')' && --depth === 0) break;
    }
    const inner = css.slice(at + 4, end);
    const comma = inner.indexOf(',');
    uses.push(comma < 0 ? { name: inner.trim(), fallback: undefined } : { name: inner.slice(0, comma).trim(), fallback: inner.slice(comma + 1).trim() });
  }
  return uses;
}

test('every design token in styles.css exists and falls back to its light-theme value', () => {
  const values = lightThemeValues();
  const uses = tokenUses(STYLES);
  expect(uses.length).toBeGreaterThan(50);
  const wrong = uses.filter((use) => use.fallback === undefined || values.get(use.name) !== use.fallback).map((use) => `${use.name}: ${use.fallback} ≠ ${values.get(use.name)}`);
  expect(wrong).toEqual([]);
});

test('no colour is hard-coded outside a token fallback, and the root is never sized to the viewport', () => {
  const withoutTokens = tokenUses(STYLES).reduce((css, use) => css.replace(`var(${use.name}, ${use.fallback})`, ''), STYLES);
  expect(withoutTokens.match(/#[0-9a-f]{3,8}\b|rgba?\(/gi) ?? []).toEqual([]);
  const declarations = STYLES.replace(/\/\*[\s\S]*?\*\//g, '');
  expect(declarations).not.toMatch(/\b100vh\b/);
});
