/**
 * The names manifest.yml gives the app's modules and its issue property.
 * Code refers to modules through these constants; test/manifest.test.ts checks them against the
 * manifest, so renaming a module in one place and not the other fails the build.
 */
export const MODULE_KEYS = {
  issueEvents: 'issue-events',
  patternsField: 'integration-patterns',
  complexityField: 'integration-complexity',
  issueIndex: 'integration-radar-index',
  issuePanel: 'integration-test-plan',
  issueContext: 'integration-summary',
  adminPage: 'integration-radar-settings',
  backfillConsumer: 'backfill-consumer',
  backfillRelay: 'backfill-relay',
} as const;

/** The queue the backfill's chains of pages run on (the `consumer` module's `queue`). */
export const BACKFILL_QUEUE = 'integration-radar-backfill';

/** The issue property holding the analysis summary; `jira:entityProperty` indexes it for JQL. */
export const ISSUE_PROPERTY_KEY = 'integration-radar';

/** The front ends that may call the panel function's resolvers, and the admin function's. */
export const PANEL_MODULE_KEYS: readonly string[] = [MODULE_KEYS.issuePanel, MODULE_KEYS.issueContext];
export const ADMIN_MODULE_KEYS: readonly string[] = [MODULE_KEYS.adminPage];
