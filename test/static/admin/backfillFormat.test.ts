import type { BackfillScope } from '../../../src/contract';
import { backfillErrorsByControl, describeScope, formatDuration, formatEta, formatRate, parseProjectKeys, progressText, waitingText } from '../../../static/src/admin/backfillFormat';

test.each([
  [0, 'not measured yet'],
  [1, '1 issue a minute'],
  [2.25, '2.3 issues a minute'],
  [4, '4 issues a minute'],
  [9.94, '9.9 issues a minute'],
  [123.6, '124 issues a minute'],
])('a rate of %p per minute reads “%s”', (rate, text) => {
  expect(formatRate(rate)).toBe(text);
});

test.each([
  [5, 'less than a minute'],
  [59, 'less than a minute'],
  [60, 'about 1 min'],
  [89, 'about 1 min'],
  [30 * 60, 'about 30 min'],
  [3600, 'about 1 h'],
  [2 * 3600 + 5 * 60, 'about 2 h 5 min'],
  [47 * 3600, 'about 47 h'],
  [3 * 86_400, 'about 3 days'],
])('%p seconds read “%s”', (seconds, text) => {
  expect(formatDuration(seconds)).toBe(text);
});

test('the time left is the ETA while running, and says why there is none otherwise', () => {
  expect(formatEta({ state: 'running', etaSeconds: 150 })).toBe('about 3 min');
  expect(formatEta({ state: 'running' })).toBe('not known yet');
  expect(formatEta({ state: 'paused', etaSeconds: 150 })).toBe('paused');
  for (const state of ['completed', 'failed', 'cancelled'] as const) expect(formatEta({ state })).toBe('finished');
});

test('progress counts against Jira’s estimate until the scope turns out larger, and only the processed issues once completed', () => {
  expect(progressText({ state: 'running', processed: 18, estimatedTotal: 40 })).toBe('18 of about 40 issues');
  expect(progressText({ state: 'running', processed: 45, estimatedTotal: 40 })).toBe('45 of about 45 issues');
  expect(progressText({ state: 'completed', processed: 39, estimatedTotal: 40 })).toBe('39 issues');
  expect(progressText({ state: 'completed', processed: 1, estimatedTotal: 1 })).toBe('1 issue');
});

test('a wait says why, and when Jira’s quota resets', () => {
  const now = Date.UTC(2026, 1, 2, 10, 0, 0);
  expect(waitingText({ reason: 'jira-quota', until: new Date(now + 12 * 60_000).toISOString() }, now)).toBe(
    'Jira’s hourly rate limit is used up. The backfill waits and continues in about 12 min.',
  );
  expect(waitingText({ reason: 'jira-quota', until: new Date(now - 1_000).toISOString() }, now)).toContain('continues any moment now');
  expect(waitingText({ reason: 'jira-quota' }, now)).toContain('continues when Jira resets it');
  expect(waitingText({ reason: 'relay' }, now)).toContain('five-minute relay');
  expect(waitingText({ reason: 'stalled' }, now)).toContain('restarts it from its last checkpoint');
});

test('project keys are typed separated by commas or spaces; a scope reads as a phrase', () => {
  expect(parseProjectKeys(' SHOP,DATA  OPS ,')).toEqual(['SHOP', 'DATA', 'OPS']);
  expect(parseProjectKeys('  ')).toEqual([]);
  expect(describeScope({ kind: 'projects', projectKeys: ['SHOP'] })).toBe('Project SHOP');
  expect(describeScope({ kind: 'projects', projectKeys: ['SHOP', 'DATA'] })).toBe('Projects SHOP, DATA');
  expect(describeScope({ kind: 'jql', jql: 'labels = legacy' })).toBe('Issues matching labels = legacy');
});

test('the resolver’s field errors go to the control they are about, naming the project', () => {
  const projects: BackfillScope = { kind: 'projects', projectKeys: ['PAY', 'ops'] };
  const errors = backfillErrorsByControl(
    [
      { path: 'scope.projectKeys.1', message: 'A project key starts with an uppercase letter.' },
      { path: 'scope.projectKeys.0', message: 'The project PAY is not enabled in the settings.' },
      { path: 'scope.projectKeys', message: 'A project is chosen twice.' },
      { path: 'addLabels', message: 'Choose whether to add pattern labels.' },
      { path: 'somethingElse', message: 'ignored' },
    ],
    projects,
  );
  expect(Object.fromEntries(errors)).toEqual({
    projectKeys: ['ops: A project key starts with an uppercase letter.', 'The project PAY is not enabled in the settings.', 'A project is chosen twice.'],
    addLabels: ['Choose whether to add pattern labels.'],
  });
  const jql: BackfillScope = { kind: 'jql', jql: '' };
  expect(Object.fromEntries(backfillErrorsByControl([{ path: 'scope.jql', message: 'Enter a JQL query.' }, { path: 'scope', message: 'Choose projects.' }], jql))).toEqual({
    jql: ['Enter a JQL query.', 'Choose projects.'],
  });
});
