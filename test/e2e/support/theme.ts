/**
 * What Jira does for a Custom UI page that calls `view.theme.enable()`: it marks `<html>` with the
 * theme attributes and provides the design tokens' CSS
 * (https://developer.atlassian.com/platform/forge/design-tokens-and-theming/), e.g.
 * `<html data-theme="dark:dark light:light spacing:spacing ..." data-color-mode="dark">`. The CSS
 * comes from @atlaskit/tokens, the package Jira's own theming is built from; its selectors match
 * those attributes.
 */
export type ColorMode = 'light' | 'dark';

export interface HostTheme {
  attributes: Record<string, string>;
  css: string;
}

const THEMES = { light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography', shape: 'shape' } as const;

export function hostTheme(colorMode: ColorMode): HostTheme {
  const attributes = {
    'data-theme': Object.entries(THEMES)
      .map(([kind, id]) => `${kind}:${id}`)
      .join(' '),
    'data-color-mode': colorMode,
  };
  const css = [colorMode, THEMES.spacing, THEMES.typography, THEMES.shape].map(themeCss).join('\n');
  return { attributes, css };
}

function themeCss(themeId: string): string {
  // The generated theme modules export their CSS text (dist/cjs/artifacts/themes/atlassian-<id>.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${themeId}.js`) as { default: string }).default;
}
