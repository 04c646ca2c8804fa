/** Moved to sim/ (the sandbox uses it too); kept here for the browser tests in test/e2e, which import this path. */
export { jiraUser, type JiraUser } from '../../sim/jiraUser';
