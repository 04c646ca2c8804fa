/**
 * The test plan as a Gherkin `.feature` file: one Feature for the issue, one Scenario per test
 * case. Like Xray's own Cucumber export, the Feature is tagged with the issue key, so importing
 * the scenarios into Xray links them to that issue as its tests
 * (https://docs.getxray.app/display/XRAY600/Export+Cucumber+Features, "Feature File Format").
 *
 * Every generated line starts with a keyword or a tag, so text inside a line cannot turn into a
 * comment (`#`), tag (`@`) or table row (`|`); line breaks are the only hazard and are removed.
 */
import { patternById } from '../catalog';
import type { TestCase, TestPlan } from '../types';
import type { ExportMeta } from './meta';
import { caseSteps, singleLine } from './steps';

export function toGherkin(plan: TestPlan, meta: ExportMeta = {}): string {
  const lines = [
    tagLine(['integration-radar', ...(meta.key ? [meta.key] : [])]),
    `Feature: ${singleLine(meta.summary ?? '') || singleLine(meta.key ?? '') || 'Integration test plan'}`,
    ...description(meta).map((line) => `  ${line}`),
  ];
  for (const testCase of plan.cases) {
    const steps = caseSteps(testCase);
    lines.push(
      '',
      `  ${tagLine(caseTags(testCase))}`,
      `  Scenario: ${singleLine(testCase.title)}`,
      `    Given ${steps.given}`,
      `    When ${steps.when}`,
      `    Then ${steps.then}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Feature description lines: catalog names and numbers only, so none can start with a keyword. */
function description(meta: ExportMeta): string[] {
  const lines: string[] = [];
  if (meta.patterns && meta.patterns.length > 0) {
    const detected = meta.patterns.map(({ id, confidence }) => `${patternById(id).name} (${confidence.toFixed(2)})`);
    lines.push(`Detected integration patterns: ${detected.join(', ')}`);
  }
  if (meta.complexity !== undefined) lines.push(`Integration complexity: ${meta.complexity}/10`);
  return lines;
}

function caseTags(testCase: TestCase): string[] {
  const tags: string[] = [testCase.priority];
  if (testCase.pattern) tags.push(testCase.pattern);
  if (testCase.source !== 'pattern') tags.push(testCase.source);
  if (testCase.provider) tags.push(`provider-${testCase.provider}`);
  tags.push(`id-${testCase.id}`);
  return tags;
}

/** A tag is `@` and a run of characters without whitespace or `@`; anything else becomes `-`. */
function tagLine(tags: readonly string[]): string {
  return tags.map((tag) => `@${tag.replace(/[^\p{L}\p{N}_.:-]/gu, '-')}`).join(' ');
}
