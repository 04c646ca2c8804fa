/** The Jira simulator's public surface. */
export { startJiraSimulator, type JiraSimulator, type JiraSimulatorOptions } from './server';
export type { JiraIssueEvent, JiraEventListener } from './events';
export type { Fault, FaultRule, RateLimitReason } from './faults';
export type { BurstLimit } from './burstLimiter';
export type { CallRecord } from './callLog';
export type { AdfDocument, CustomFieldSeed, EntityPropertyIndex, IssueSeed, ProjectSeed, UserSeed, ChangelogItem } from './model';
export { parseJql } from './jql/parser';
export { JqlSyntaxError, JqlValidationError } from './jql/errors';
export { deliverEvents, type EventDelivery } from './eventDelivery';
export { snapshotJira, checkRestoredKeys, type JiraSnapshot } from './snapshot';
