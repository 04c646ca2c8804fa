import { analyzeIssue } from '../../src/analysis/analyze';
import { PATTERN_IDS } from '../../src/analysis/types';
import { readStoredSummary, recordsAnalysis } from '../../src/issueSync/storedSummary';
import { summaryOf } from '../support/storedSummaries';

const analysis = analyzeIssue({ summary: 'Webhook signature verification fails' });

it('reads a stored summary, nothing, or reports an invalid one', () => {
  const summary = summaryOf(analysis);
  expect(readStoredSummary(summary)).toEqual(summary);
  expect(readStoredSummary(undefined)).toBeUndefined();
  expect(readStoredSummary({ ...summary, patterns: ['billing_issues'] })).toBe('invalid');
  expect(readStoredSummary('a string')).toBe('invalid');
});

it('stays far below the 32,768 characters of an issue property with every pattern and label', () => {
  const largest = summaryOf(analysis, { patterns: [...PATTERN_IDS], labelsAdded: PATTERN_IDS.map((id) => `${'x'.repeat(200)}-${id}`) });
  expect(JSON.stringify(largest).length).toBeLessThan(2_000);
});

it('records an analysis with the same text, or with changed text and the same results', () => {
  expect(recordsAnalysis(summaryOf(analysis), analysis)).toBe(true);
  expect(recordsAnalysis(summaryOf(analysis, { textHash: 'older' }), analysis)).toBe(true);
  expect(recordsAnalysis(summaryOf(analysis, { textHash: 'older', complexity: 9 }), analysis)).toBe(false);
});
