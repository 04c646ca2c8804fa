/**
 * The handlers manifest.yml names (`handler: index.<name>`): Forge bundles this module and calls
 * the export of each function module.
 */
export { handleIssueEvent } from './entry/events/handler';
export { panelResolver } from './entry/panel/resolver';
export { adminResolver } from './entry/admin/resolver';
export { handleBackfillEvent } from './entry/backfill/consumer';
export { handleBackfillRelay } from './entry/backfill/relay';
