import type { PatternId, PatternResult, Priority, TestCase } from '../../../src/analysis/types';

export const PRIORITIES: readonly Priority[] = ['P0', 'P1'];

/** Cases that belong to no pattern: the provider checklists. */
export const NO_PATTERN = 'none';

export interface CaseFilter {
  priority: Priority | 'all';
  pattern: PatternId | typeof NO_PATTERN | 'all';
  /** Words that must all appear in the title, category, id or provider, case-insensitively. */
  query: string;
}

export const NO_FILTER: CaseFilter = { priority: 'all', pattern: 'all', query: '' };

export function filterCases(cases: readonly TestCase[], filter: CaseFilter): TestCase[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return cases.filter((testCase) => {
    if (filter.priority !== 'all' && testCase.priority !== filter.priority) return false;
    if (filter.pattern !== 'all' && (testCase.pattern ?? NO_PATTERN) !== filter.pattern) return false;
    if (words.length === 0) return true;
    const haystack = [testCase.title, testCase.category, testCase.id, testCase.provider ?? ''].join('\n').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export interface CaseSection {
  /** `Pattern name: category` for a pattern's own cases; the checklist's name for the others. */
  heading: string;
  cases: TestCase[];
}

export interface PriorityGroup {
  priority: Priority;
  count: number;
  sections: CaseSection[];
}

/**
 * Groups cases by priority (P0 first), then into runs that share a pattern and category, keeping
 * the plan's order inside a priority (pattern order, then the checklists), as the Markdown export does.
 */
export function groupCases(cases: readonly TestCase[], patterns: readonly Pick<PatternResult, 'id' | 'name'>[]): PriorityGroup[] {
  const names = new Map(patterns.map((pattern) => [pattern.id, pattern.name]));
  return PRIORITIES.map((priority) => {
    const sections: CaseSection[] = [];
    const ofPriority = cases.filter((testCase) => testCase.priority === priority);
    for (const testCase of ofPriority) {
      const heading = sectionHeading(testCase, names);
      const last = sections[sections.length - 1];
      if (last && last.heading === heading) last.cases.push(testCase);
      else sections.push({ heading, cases: [testCase] });
    }
    return { priority, count: ofPriority.length, sections };
  }).filter((group) => group.count > 0);
}

function sectionHeading(testCase: TestCase, names: ReadonlyMap<PatternId, string>): string {
  if (testCase.source !== 'pattern' || !testCase.pattern) return testCase.category;
  return `${names.get(testCase.pattern) ?? testCase.pattern}: ${testCase.category}`;
}

/** Label of a test case's source, for the small tag beside checklist items. */
export const SOURCE_LABELS: Readonly<Record<TestCase['source'], string>> = {
  pattern: 'Pattern',
  provider: 'Provider checklist',
  api_documentation: 'API documentation',
  webhook_security: 'Webhook security',
  environment: 'Environment',
  mock_service: 'Mock service',
};
