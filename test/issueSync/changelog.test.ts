import { touchesAnalysedFields, type ChangelogItem } from '../../src/issueSync/changelog';

const PREFIX = 'integration-';
const item = (field: string, fromString: string | null = null, toString: string | null = null, fieldId = field): ChangelogItem => ({ field, fieldId, fromString, toString });

it('reacts to the summary, description, components and labels (field or field id, as Jira sends them)', () => {
  expect(touchesAnalysedFields([item('summary')], PREFIX)).toBe(true);
  expect(touchesAnalysedFields([item('description')], PREFIX)).toBe(true);
  expect(touchesAnalysedFields([item('Component', null, 'Webhooks', 'components')], PREFIX)).toBe(true);
  expect(touchesAnalysedFields([{ field: 'Component', toString: 'Webhooks' }], PREFIX)).toBe(true);
  expect(touchesAnalysedFields([item('labels', 'ui', 'ui hotfix')], PREFIX)).toBe(true);
});

it('ignores other fields, the app’s custom fields and changes limited to the app’s own labels', () => {
  expect(touchesAnalysedFields([], PREFIX)).toBe(false);
  expect(touchesAnalysedFields([item('status', 'To Do', 'Done'), item('assignee')], PREFIX)).toBe(false);
  expect(touchesAnalysedFields([item('Integration patterns', null, 'webhook_issues', 'customfield_10040')], PREFIX)).toBe(false);
  expect(touchesAnalysedFields([item('labels', 'ui', 'ui integration-webhook integration-api')], PREFIX)).toBe(false);
  expect(touchesAnalysedFields([item('labels', 'ui integration-webhook', 'ui integration-webhooks')], PREFIX)).toBe(true);
  expect(touchesAnalysedFields([item('labels', 'ui', 'ui radar-webhook')], 'radar-')).toBe(false);
});
