import { view } from '@forge/bridge';

/**
 * Asks Jira for its theme: the host sets `html[data-color-mode]` and injects the design-token CSS,
 * and keeps both in sync when the user switches theme
 * (https://developer.atlassian.com/platform/forge/design-tokens-and-theming/). Resolves either way:
 * without theming the tokens' light fallbacks apply.
 */
export async function enableHostTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Outside a themed host the page keeps the light fallbacks of styles.css.
  }
}
