/**
 * The test plan as a Markdown checklist: cases grouped by priority and by pattern/category, then
 * the test environments and mock services to set up. Checklist sections (providers, API
 * documentation, webhook security) are already among the cases, so they are not repeated.
 */
import { patternById } from '../catalog';
import type { Checklist, TestCase, TestPlan } from '../types';
import type { ExportMeta } from './meta';
import { singleLine } from './steps';

export function toMarkdown(plan: TestPlan, meta: ExportMeta = {}): string {
  const blocks = [`# ${inline(title(meta))}`];
  const facts = metaFacts(meta);
  if (facts.length > 0) blocks.push(facts.map((fact) => `- ${fact}`).join('\n'));

  if (plan.cases.length === 0) blocks.push('No integration pattern detected, so there are no integration test cases.');
  for (const priority of ['P0', 'P1'] as const) {
    const cases = plan.cases.filter((testCase) => testCase.priority === priority);
    if (cases.length === 0) continue;
    blocks.push(`## ${priority} test cases (${cases.length})`);
    for (const group of groupConsecutive(cases, groupHeading)) {
      blocks.push(`### ${inline(group.heading)}`, group.items.map(caseLine).join('\n'));
    }
  }
  blocks.push(...checklistSection('Test environments', plan.environments));
  blocks.push(...checklistSection('Mock services', plan.mockServices));
  return `${blocks.join('\n\n')}\n`;
}

function title(meta: ExportMeta): string {
  const issue = [meta.key, meta.summary].filter((part): part is string => Boolean(part)).join(': ');
  return issue ? `Integration test plan for ${issue}` : 'Integration test plan';
}

function metaFacts(meta: ExportMeta): string[] {
  const facts: string[] = [];
  if (meta.patterns) {
    const detected = meta.patterns.map(({ id, confidence }) => `${patternById(id).name} (${confidence.toFixed(2)})`);
    facts.push(`**Detected patterns:** ${detected.length > 0 ? inline(detected.join(', ')) : 'none'}`);
  }
  if (meta.complexity !== undefined) facts.push(`**Integration complexity:** ${meta.complexity}/10`);
  return facts;
}

function groupHeading(testCase: TestCase): string {
  return testCase.source === 'pattern' && testCase.pattern
    ? `${patternById(testCase.pattern).name}: ${testCase.category}`
    : testCase.category;
}

function caseLine(testCase: TestCase): string {
  return `- [ ] ${inline(testCase.title)} \`${testCase.id.replace(/`/g, '')}\``;
}

function groupConsecutive<T>(items: readonly T[], key: (item: T) => string): { heading: string; items: T[] }[] {
  const groups: { heading: string; items: T[] }[] = [];
  for (const item of items) {
    const heading = key(item);
    const last = groups[groups.length - 1];
    if (last && last.heading === heading) last.items.push(item);
    else groups.push({ heading, items: [item] });
  }
  return groups;
}

function checklistSection(heading: string, checklists: readonly Checklist[]): string[] {
  if (checklists.length === 0) return [];
  return [
    `## ${heading}`,
    ...checklists.flatMap((checklist) => [
      `### ${inline(checklist.title)}`,
      checklist.items.map((item) => `- ${inline(item)}`).join('\n'),
    ]),
  ];
}

/** One line of text with the characters that Markdown would read as markup escaped. */
function inline(text: string): string {
  return singleLine(text).replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`);
}
