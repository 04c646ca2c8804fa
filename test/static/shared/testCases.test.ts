import { generateTestPlan } from '../../../src/analysis/testcases';
import { patternById } from '../../../src/analysis/catalog';
import type { PatternId } from '../../../src/analysis/types';
import { filterCases, groupCases, NO_FILTER, NO_PATTERN } from '../../../static/src/shared/testCases';

const PATTERNS: PatternId[] = ['webhook_issues', 'api_issues'];
const plan = generateTestPlan(PATTERNS, ['sendgrid']);
const patterns = PATTERNS.map((id) => ({ id, name: patternById(id).name }));

test('no filter keeps every case in the plan’s order', () => {
  expect(filterCases(plan.cases, NO_FILTER)).toEqual(plan.cases);
});

test('filters by priority, by pattern (provider checklists have none) and by every word of the query', () => {
  expect(filterCases(plan.cases, { ...NO_FILTER, priority: 'P1' }).every((testCase) => testCase.priority === 'P1')).toBe(true);
  expect(filterCases(plan.cases, { ...NO_FILTER, pattern: 'api_issues' })).toEqual(plan.cases.filter((testCase) => testCase.pattern === 'api_issues'));
  const providerCases = filterCases(plan.cases, { ...NO_FILTER, pattern: NO_PATTERN });
  expect(providerCases.length).toBeGreaterThan(0);
  expect(providerCases.every((testCase) => testCase.source === 'provider')).toBe(true);

  const found = filterCases(plan.cases, { ...NO_FILTER, query: '  SIGNATURE   Shared ' });
  const text = (testCase: (typeof plan.cases)[number]) => `${testCase.title} ${testCase.category} ${testCase.id}`.toLowerCase();
  expect(found.length).toBeGreaterThan(0);
  expect(found).toEqual(plan.cases.filter((testCase) => text(testCase).includes('signature') && text(testCase).includes('shared')));
  expect(found.length).toBeLessThan(filterCases(plan.cases, { ...NO_FILTER, query: 'signature' }).length);
  expect(filterCases(plan.cases, { ...NO_FILTER, query: 'sendgrid' }).map((testCase) => testCase.provider)).toContain('sendgrid');
});

test('groups P0 first, then by pattern and category in the plan’s order; checklists under their own names', () => {
  const groups = groupCases([...plan.cases].reverse(), patterns);
  expect(groups.map((group) => group.priority)).toEqual(['P0', 'P1']);
  expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(plan.cases.length);

  const inOrder = groupCases(plan.cases, patterns);
  const headings = inOrder.flatMap((group) => group.sections.map((section) => section.heading));
  expect(headings[0]).toBe(`Webhook Integration: ${plan.cases[0]!.category}`);
  expect(headings).toEqual(expect.arrayContaining(['Webhook security checklist', 'API documentation checklist', 'SendGrid checklist']));
  for (const group of inOrder) for (const section of group.sections) expect(section.cases.every((testCase) => testCase.priority === group.priority)).toBe(true);
});
