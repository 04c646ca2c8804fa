/**
 * The test plan as a CSV file for Xray Cloud's Test Case Importer: one Manual test per case, each
 * with a single step (Action, Data, Result).
 *
 * Xray lets the importer map any column names onto fields; Test ID, Summary and Test Type must
 * be mapped (https://docs.getxray.app/display/XRAYCLOUD/Importing+Tests+using+Test+Case+Importer).
 * The column names are those of Xray Cloud's importer documentation ("Issue Id", "Test type",
 * "Test Summary", "Test Priority", "Action", "Data", "Result"); Xray's own examples also write
 * "Issue ID"/"Test Type" (github.com/Xray-App/xray-code-snippets, use_cases/import_from_qase/cloud):
 * the wizard maps either. Fields with the delimiter, quotes or line breaks are quoted,
 * as that page requires; we follow RFC 4180 (quotes doubled, CRLF line ends).
 *
 * Import settings: CSV delimiter `;`, list delimiter `,` (Labels holds several labels). Test
 * Priority holds Jira priority names (High/Medium), matched in the importer's value mapping step.
 * Component holds the pattern or checklist the case comes from; leave it unmapped when the
 * project has no such components.
 */
import { patternById } from '../catalog';
import type { Priority, TestCase, TestPlan } from '../types';
import type { ExportMeta } from './meta';
import { caseSteps, singleLine } from './steps';

export const XRAY_CSV_HEADER = [
  'Issue Id',
  'Test type',
  'Test Summary',
  'Test Priority',
  'Action',
  'Data',
  'Result',
  'Labels',
  'Component',
] as const;

const DELIMITER = ';';
const LINE_END = '\r\n';
const SUMMARY_MAX_LENGTH = 255;
const JIRA_PRIORITY: Record<Priority, string> = { P0: 'High', P1: 'Medium' };

export function toXrayCsv(plan: TestPlan, meta: ExportMeta = {}): string {
  const rows = plan.cases.map((testCase, index) => {
    const steps = caseSteps(testCase);
    return [
      String(index + 1),
      'Manual',
      jiraSummary(testCase.title),
      JIRA_PRIORITY[testCase.priority],
      steps.action,
      '',
      testCase.title,
      labels(testCase, meta).join(','),
      component(testCase),
    ];
  });
  return [XRAY_CSV_HEADER, ...rows].map((row) => row.map(csvField).join(DELIMITER) + LINE_END).join('');
}

/**
 * Jira rejects a summary with line breaks ("The summary is invalid because it contains newline
 * characters") or longer than 255 characters; the step's Result keeps the title as written.
 */
function jiraSummary(title: string): string {
  const summary = singleLine(title);
  if (summary.length <= SUMMARY_MAX_LENGTH) return summary;
  const cut = summary.slice(0, SUMMARY_MAX_LENGTH - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}…`;
}

/** Jira labels cannot contain spaces; our list delimiter `,` and the column delimiter are replaced too. */
function labels(testCase: TestCase, meta: ExportMeta): string[] {
  const values = [
    'integration-radar',
    testCase.priority,
    ...(testCase.pattern ? [testCase.pattern] : []),
    ...(testCase.source === 'pattern' ? [] : [testCase.source]),
    ...(testCase.provider ? [testCase.provider] : []),
    ...(meta.key ? [meta.key] : []),
  ];
  return values.map((value) => value.replace(/[\s,;]+/g, '-'));
}

function component(testCase: TestCase): string {
  return testCase.source === 'pattern' && testCase.pattern ? patternById(testCase.pattern).name : singleLine(testCase.category);
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
