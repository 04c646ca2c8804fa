/**
 * The sandbox's own static files: Atlassian's design tokens (light theme, spacing, typography,
 * shape, from @atlaskit/tokens, the package Jira's theming is built from;
 * https://developer.atlassian.com/platform/forge/design-tokens-and-theming/), the host page's
 * stylesheet written against those tokens, and its one script. No external fonts or scripts.
 */
export const THEME_ATTRIBUTES = { 'data-theme': 'light:light dark:dark spacing:spacing typography:typography shape:shape', 'data-color-mode': 'light' };

const THEMES = ['light', 'spacing', 'typography', 'shape'];

let tokensCss: string | undefined;

export function designTokensCss(): string {
  tokensCss ??= THEMES.map(
    // The generated theme modules export their CSS text (dist/cjs/artifacts/themes/atlassian-<id>.js).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (theme) => (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${theme}.js`) as { default: string }).default,
  ).join('\n');
  return tokensCss;
}

export const HOST_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: var(--ds-font-body); color: var(--ds-text); background: var(--ds-surface); }
a { color: var(--ds-link); text-decoration: none; }
a:hover { text-decoration: underline; }
.top-nav { display: flex; align-items: center; gap: var(--ds-space-200); height: 56px; padding: 0 var(--ds-space-200);
  border-bottom: var(--ds-border-width) solid var(--ds-border); background: var(--ds-surface); }
.top-nav .product { display: flex; align-items: center; gap: var(--ds-space-100); font: var(--ds-font-heading-xsmall); color: var(--ds-text); }
.top-nav .logo { width: 24px; height: 24px; border-radius: var(--ds-radius-small); background: var(--ds-background-brand-bold);
  color: var(--ds-text-inverse); display: inline-flex; align-items: center; justify-content: center; font-weight: 700; }
.top-nav nav { display: flex; gap: var(--ds-space-050); }
.top-nav nav a { padding: var(--ds-space-075) var(--ds-space-150); border-radius: var(--ds-radius-small); color: var(--ds-text-subtle); font-weight: 500; }
.top-nav nav a[aria-current="page"] { color: var(--ds-text-selected); background: var(--ds-background-selected); }
.top-nav .spacer { flex: 1; }
.top-nav .user { color: var(--ds-text-subtle); font: var(--ds-font-body-small); }
.button { display: inline-flex; align-items: center; gap: var(--ds-space-050); height: 32px; padding: 0 var(--ds-space-150); border: none;
  border-radius: var(--ds-radius-small); font: var(--ds-font-body); font-weight: 500; cursor: pointer; color: var(--ds-text);
  background: var(--ds-background-neutral); }
.button:hover { background: var(--ds-background-neutral-hovered); text-decoration: none; }
.button.primary { background: var(--ds-background-brand-bold); color: var(--ds-text-inverse); }
.button.primary:hover { background: var(--ds-background-brand-bold-hovered); }
main { padding: var(--ds-space-300) var(--ds-space-400); max-width: 1440px; }
h1 { font: var(--ds-font-heading-large); margin: 0 0 var(--ds-space-200); }
h2 { font: var(--ds-font-heading-small); margin: var(--ds-space-300) 0 var(--ds-space-100); }
.breadcrumbs { font: var(--ds-font-body-small); color: var(--ds-text-subtle); margin-bottom: var(--ds-space-100); }
.page-header { display: flex; align-items: flex-start; justify-content: space-between; gap: var(--ds-space-200); margin-bottom: var(--ds-space-200); }
.page-header h1 { margin: 0; }
.jql-form { display: flex; gap: var(--ds-space-100); margin-bottom: var(--ds-space-150); }
input[type="text"], input:not([type]), select, textarea { font: var(--ds-font-body); color: var(--ds-text); background: var(--ds-background-input);
  border: var(--ds-border-width) solid var(--ds-border-input); border-radius: var(--ds-radius-small); padding: var(--ds-space-075) var(--ds-space-100); }
input:focus, select:focus, textarea:focus { outline: 2px solid var(--ds-border-focused); outline-offset: -1px; }
.jql-form input[type="text"] { flex: 1; font-family: var(--ds-font-family-code); }
textarea { width: 100%; min-height: 220px; font-family: var(--ds-font-family-code); font-size: 13px; }
.hint { font: var(--ds-font-body-small); color: var(--ds-text-subtlest); margin: var(--ds-space-050) 0 0; }
.hint code, .help code { font-family: var(--ds-font-family-code); background: var(--ds-background-neutral); padding: 0 var(--ds-space-050); border-radius: var(--ds-radius-xsmall); }
.message { border-radius: var(--ds-radius-small); padding: var(--ds-space-150) var(--ds-space-200); margin: var(--ds-space-150) 0; }
.message.error { background: var(--ds-background-danger); color: var(--ds-text); border-left: 4px solid var(--ds-border-danger); }
.message.success { background: var(--ds-background-success); border-left: 4px solid var(--ds-border-success); }
.message p { margin: 0; }
.message .title { font-weight: 600; margin-bottom: var(--ds-space-050); }
table.issues { width: 100%; border-collapse: collapse; }
table.issues th { text-align: left; font: var(--ds-font-body-small); font-weight: 600; color: var(--ds-text-subtle);
  padding: var(--ds-space-075) var(--ds-space-100); border-bottom: 2px solid var(--ds-border); white-space: nowrap; }
table.issues td { padding: var(--ds-space-075) var(--ds-space-100); border-bottom: var(--ds-border-width) solid var(--ds-border); vertical-align: top; }
table.issues tr:hover td { background: var(--ds-background-neutral-subtle-hovered); }
table.issues td.key { white-space: nowrap; }
table.issues td.number { text-align: right; }
.lozenge { display: inline-block; padding: 0 var(--ds-space-050); margin: 0 var(--ds-space-050) var(--ds-space-025) 0; border-radius: var(--ds-radius-xsmall);
  font: var(--ds-font-body-small); font-weight: 600; text-transform: uppercase; white-space: nowrap; background: var(--ds-background-neutral); color: var(--ds-text-subtle); }
.lozenge.pattern { background: var(--ds-background-discovery); color: var(--ds-text-discovery); text-transform: none; }
.lozenge.status-new { background: var(--ds-background-neutral); }
.lozenge.status-indeterminate { background: var(--ds-background-information); color: var(--ds-text-information); }
.lozenge.status-done { background: var(--ds-background-success); color: var(--ds-text-success); }
.label { display: inline-block; padding: 0 var(--ds-space-075); margin: 0 var(--ds-space-050) var(--ds-space-025) 0; border: var(--ds-border-width) solid var(--ds-border);
  border-radius: var(--ds-radius-small); font: var(--ds-font-body-small); background: var(--ds-surface); }
.none { color: var(--ds-text-subtlest); }
.pager { display: flex; justify-content: space-between; align-items: center; margin-top: var(--ds-space-150); font: var(--ds-font-body-small); color: var(--ds-text-subtle); }
.issue-layout { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: var(--ds-space-400); align-items: start; }
.description { line-height: 1.5; overflow-wrap: anywhere; }
.description pre.code-block { background: var(--ds-background-neutral); padding: var(--ds-space-100); border-radius: var(--ds-radius-small); overflow-x: auto; }
.description code { font-family: var(--ds-font-family-code); font-size: 0.9em; }
.description table.adf-table { border-collapse: collapse; }
.description table.adf-table td, .description table.adf-table th { border: var(--ds-border-width) solid var(--ds-border); padding: var(--ds-space-050) var(--ds-space-100); }
.details { border: var(--ds-border-width) solid var(--ds-border); border-radius: var(--ds-radius-medium); padding: var(--ds-space-150) var(--ds-space-200); }
.details h2 { margin-top: 0; }
.details dl { display: grid; grid-template-columns: 140px 1fr; gap: var(--ds-space-100) var(--ds-space-150); margin: 0; }
.details dt { color: var(--ds-text-subtle); font: var(--ds-font-body-small); font-weight: 600; padding-top: 2px; }
.details dd { margin: 0; }
.app-panel { margin-top: var(--ds-space-300); border: var(--ds-border-width) solid var(--ds-border); border-radius: var(--ds-radius-medium); }
.app-panel > header { display: flex; align-items: center; gap: var(--ds-space-100); padding: var(--ds-space-100) var(--ds-space-150);
  border-bottom: var(--ds-border-width) solid var(--ds-border); font-weight: 600; }
.app-panel > header img { width: 16px; height: 16px; }
.app-panel .frame { padding: var(--ds-space-100) var(--ds-space-150); }
.app-panel iframe { display: block; width: 100%; border: 0; }
.form { max-width: 760px; }
.field { margin-bottom: var(--ds-space-200); }
.field > label { display: block; font: var(--ds-font-body-small); font-weight: 600; color: var(--ds-text-subtle); margin-bottom: var(--ds-space-050); }
.field input[type="text"], .field select { width: 100%; }
.field .field-error { color: var(--ds-text-danger); font: var(--ds-font-body-small); margin: var(--ds-space-050) 0 0; }
.field [aria-invalid="true"] { border-color: var(--ds-border-danger); }
.form-actions { display: flex; gap: var(--ds-space-100); }
.help { font: var(--ds-font-body-small); color: var(--ds-text-subtle); margin: 0 0 var(--ds-space-200); }
`;

/**
 * The host page's script: sizes each app iframe to its content, as Jira does for Custom UI
 * (the pages are served from the sandbox's own origin, so the host can measure them).
 */
export const HOST_JS = `
for (const frame of document.querySelectorAll('iframe[data-autosize]')) {
  const fit = () => {
    const doc = frame.contentDocument;
    if (!doc || !doc.documentElement) return;
    frame.style.height = Math.max(Number(frame.dataset.minHeight || 120), doc.documentElement.offsetHeight) + 'px';
  };
  frame.addEventListener('load', () => {
    fit();
    const doc = frame.contentDocument;
    if (doc && doc.body && typeof ResizeObserver === 'function') new ResizeObserver(fit).observe(doc.body);
  });
}
`;
