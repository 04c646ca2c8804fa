import { generateTestPlan } from '../../../src/analysis/testcases';
import type { ProviderDefinition, TestPlan } from '../../../src/analysis/types';

/** Titles an admin-defined provider could carry that break naive CSV, Gherkin or Markdown output. */
export const HOSTILE_TITLES = [
  'Semi;colon; separated',
  'Quote "inside" the title',
  'Line\nbreak and\r\nCRLF inside',
  'Unicode: café — 日本語 ✓ 🚀',
  '# starts like a comment',
  '@starts like a tag',
  '| starts | like a table',
  '*markdown* _chars_ [link](x) <b>html</b> `code`',
];

export const hostileProvider: ProviderDefinition = {
  id: 'hostile',
  name: 'Hostile; "Provider"',
  kind: 'other',
  aliases: ['hostile provider'],
  checklist: HOSTILE_TITLES,
  fromSpec: false,
};

export function hostilePlan(): TestPlan {
  return generateTestPlan(['webhook_issues', 'api_issues'], ['sendgrid', 'hostile'], [hostileProvider]);
}

export const META = {
  key: 'INT-42',
  summary: 'SendGrid webhook events are dropped',
  patterns: [
    { id: 'webhook_issues' as const, confidence: 0.8123 },
    { id: 'api_issues' as const, confidence: 0.5 },
  ],
  complexity: 7,
};
