import { SIMULATED_APP } from '../../../../sim/appIdentity';
import { JqlValidationError } from '../../../../sim/jira/jql/errors';
import { compileJql } from '../../../../sim/jira/jql/evaluate';
import { parseJql } from '../../../../sim/jira/jql/parser';
import { JiraState } from '../../../../sim/jira/state';
import { paragraph, PROPERTY_KEY, standardJira } from '../../../support/jiraFixtures';

const NOW = Date.UTC(2026, 0, 10);

function stateWithIssues(): JiraState {
  const state = new JiraState({ ...standardJira(), app: SIMULATED_APP, now: () => NOW });
  state.addIssue({
    project: 'PAY',
    summary: 'Twilio SMS delivery webhook retries',
    description: paragraph('Retries flood the e-mail queue.'),
    labels: ['integration-webhook', 'sms'],
    created: Date.UTC(2026, 0, 9, 12),
    customFields: { 'Integration patterns': ['webhook_issues', 'external_service_issues'], 'Integration complexity': 8 },
    properties: { [PROPERTY_KEY]: { patterns: ['webhook_issues'], complexity: 8 } },
  });
  state.addIssue({
    project: 'OPS',
    summary: 'Sync API rate limited',
    created: Date.UTC(2026, 0, 9, 18),
    customFields: { 'Integration patterns': ['api_issues', 'sync_issues'], 'Integration complexity': 5 },
    properties: { [PROPERTY_KEY]: { patterns: ['api_issues', 'sync_issues'], complexity: 5 } },
  });
  return state;
}

/** Keys of the issues matching `jql`, in result order. */
function keys(jql: string, state = stateWithIssues()): string[] {
  const compiled = compileJql(parseJql(jql), state);
  return compiled.sort([...state.issues.values()].filter((issue) => compiled.matches(issue))).map((issue) => issue.key);
}

function validationErrors(jql: string): string[] {
  try {
    keys(jql);
  } catch (error) {
    if (error instanceof JqlValidationError) return error.messages;
    throw error;
  }
  throw new Error(`'${jql}' was accepted`);
}

describe('JQL evaluation', () => {
  it('selects by project key, name or id, and by issue key', () => {
    expect(keys('project = PAY')).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
    expect(keys('project in (Operations)')).toEqual(['OPS-1', 'OPS-2']);
    expect(keys('key = pay-3 OR issuekey in (OPS-1)')).toEqual(['OPS-1', 'PAY-3']);
  });

  it('matches labels case-insensitively; != and NOT IN never match issues without labels', () => {
    expect(keys('labels = SMS')).toEqual(['PAY-3']);
    expect(keys('labels in (ui, customer-reported)')).toEqual(['PAY-1', 'PAY-2']);
    expect(keys('labels != ui')).toEqual(['PAY-1', 'PAY-3']);
    expect(keys('project = OPS AND labels not in (ui)')).toEqual([]);
    expect(keys('labels is empty')).toEqual(['OPS-1', 'OPS-2']);
    expect(keys('labels is not empty AND NOT labels = ui')).toEqual(['PAY-1', 'PAY-3']);
  });

  it('searches app custom fields by quoted name and by cf[id], with number comparisons', () => {
    expect(keys('"Integration patterns" = webhook_issues')).toEqual(['PAY-3']);
    expect(keys('cf[10040] in (sync_issues, webhook_issues)')).toEqual(['PAY-3', 'OPS-2']);
    expect(keys('"Integration complexity" >= 7')).toEqual(['PAY-3']);
    expect(keys('"Integration complexity" < 8')).toEqual(['OPS-2']);
    expect(keys('"Integration complexity" != 5')).toEqual(['PAY-3']);
    expect(keys('project = PAY AND "Integration complexity" is empty')).toEqual(['PAY-1', 'PAY-2']);
  });

  it('searches entity property aliases and issue.property[key].path', () => {
    expect(keys('integrationPattern = sync_issues')).toEqual(['OPS-2']);
    expect(keys('integrationComplexity > 5')).toEqual(['PAY-3']);
    expect(keys(`issue.property[${PROPERTY_KEY}].patterns = webhook_issues`)).toEqual(['PAY-3']);
  });

  it('finds words with ~ in summary, description and text, with a trailing wildcard', () => {
    expect(keys('summary ~ webhook')).toEqual(['PAY-1', 'PAY-3']);
    expect(keys('description ~ "gateway timeout"')).toEqual(['PAY-1']);
    expect(keys('text ~ "warehouse"')).toEqual(['OPS-1']);
    expect(keys('text ~ "e-mail"')).toEqual(['PAY-3']);
    expect(keys('summary ~ "deliver*"')).toEqual(['PAY-1', 'PAY-3']);
    expect(keys('project = PAY AND summary !~ webhook')).toEqual(['PAY-2']);
  });

  it('compares dates, absolute and relative to now', () => {
    expect(keys('created >= -1d')).toEqual(['PAY-3', 'OPS-2']);
    expect(keys('created > "2026-01-09 15:00"')).toEqual(['OPS-2']);
    expect(keys('created < 2026/01/06')).toEqual(['PAY-1']);
  });

  it('orders by key, created or a number field, then by creation', () => {
    expect(keys('project in (PAY, OPS) ORDER BY key DESC')).toEqual(['PAY-3', 'PAY-2', 'PAY-1', 'OPS-2', 'OPS-1']);
    expect(keys('project = PAY ORDER BY created DESC')).toEqual(['PAY-3', 'PAY-2', 'PAY-1']);
    expect(keys('project in (PAY, OPS) ORDER BY "Integration complexity" ASC')).toEqual(['OPS-2', 'PAY-3', 'PAY-1', 'PAY-2', 'OPS-1']);
  });

  it('reports unknown fields and values, unsupported operators and bad numbers and dates as Jira does', () => {
    expect(validationErrors('foo = bar')).toEqual(["Field 'foo' does not exist or you do not have permission to view it."]);
    expect(validationErrors('project = NOPE')).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    expect(validationErrors('key = PAY-99')).toEqual(["An issue with key 'PAY-99' does not exist for field 'key'."]);
    expect(validationErrors('summary = x')).toEqual(["The operator '=' is not supported by the 'summary' field."]);
    expect(validationErrors('labels > x')).toEqual(["The operator '>' is not supported by the 'labels' field."]);
    expect(validationErrors('"Integration complexity" > high')).toEqual(["'high' is not a valid number for field 'Integration complexity'."]);
    expect(validationErrors('created > yesterday')[0]).toMatch(/^Date value 'yesterday' for field 'created' is invalid/);
    expect(validationErrors('project = PAY ORDER BY labels')).toEqual(["Field 'labels' does not support sorting."]);
  });
});
