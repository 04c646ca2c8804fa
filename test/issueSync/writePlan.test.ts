import { analyzeIssue } from '../../src/analysis/analyze';
import type { Analysis } from '../../src/analysis/types';
import { DEFAULT_ADMIN_CONFIG, type AdminConfig } from '../../src/config/schema';
import { hasWrites, planWrites, type WritePlanInput } from '../../src/issueSync/writePlan';
import { summaryOf } from '../support/storedSummaries';

const webhook = analyzeIssue({ summary: 'Webhook signature verification fails' });
const webhookAndMonitoring = analyzeIssue({ summary: 'Webhook signature verification fails', description: 'Set up Datadog alerting and a dashboard to monitor failed deliveries.' });
const nothing = analyzeIssue({ summary: 'Refund button is misaligned on small screens' });

function plan(analysis: Analysis, input: Partial<Omit<WritePlanInput, 'config'>> & { config?: Partial<AdminConfig> } = {}) {
  return planWrites({ analysis, currentLabels: [], stored: undefined, trigger: 'updated', ...input, config: { ...DEFAULT_ADMIN_CONFIG, ...input.config } });
}

it('writes both fields, the labels and the summary for an issue never analysed', () => {
  const written = plan(webhook, { trigger: 'created', currentLabels: ['ui'] });
  expect(written).toMatchObject({ patternsValue: ['webhook_issues'], complexityValue: webhook.complexity.score, addLabels: ['integration-webhook'], removeLabels: [], writeSummary: true });
  expect(written.summary).toEqual({ version: 1, textHash: webhook.textHash, patterns: ['webhook_issues'], complexity: webhook.complexity.score, topConfidence: 0.98, labelsAdded: ['integration-webhook'], labelsNotOnScreen: false });
});

it('writes no empty pattern list and does not add a label the issue already has', () => {
  const empty = plan(nothing);
  expect(empty).toMatchObject({ complexityValue: 2, addLabels: [] });
  expect(empty).not.toHaveProperty('patternsValue');
  const labelled = plan(webhook, { currentLabels: ['integration-webhook'] });
  expect(labelled.addLabels).toEqual([]);
  expect(labelled.summary.labelsAdded).toEqual([]);
});

it('writes nothing when the results equal what is stored, whatever the text hash', () => {
  const stored = summaryOf(webhook, { labelsAdded: ['integration-webhook'], textHash: 'an-older-text' });
  const unchanged = plan(webhook, { stored, currentLabels: ['integration-webhook'] });
  expect(hasWrites(unchanged)).toBe(false);
});

it('writes only the changed field and labels only the new pattern', () => {
  const stored = summaryOf(webhook, { labelsAdded: ['integration-webhook'] });
  const changed = plan(webhookAndMonitoring, { stored, currentLabels: ['integration-webhook', 'ui'] });
  expect(changed.patternsValue).toEqual(['webhook_issues', 'monitoring_issues']);
  expect(changed.complexityValue === undefined).toBe(webhookAndMonitoring.complexity.score === webhook.complexity.score);
  expect(changed.addLabels).toEqual(['integration-monitoring']);
  expect(changed.summary.labelsAdded).toEqual(['integration-monitoring', 'integration-webhook']);
});

it('follows the label switches of the configuration', () => {
  expect(plan(webhook, { trigger: 'created', config: { autoLabelOnCreate: false } }).addLabels).toEqual([]);
  expect(plan(webhook, { trigger: 'updated', config: { autoLabelOnUpdate: false } }).addLabels).toEqual([]);
  expect(plan(webhook, { trigger: 'created', config: { labelPrefix: 'radar:' } }).addLabels).toEqual(['radar:webhook']);
});

it('removes only labels it added, only when configured, and forgets labels a person removed', () => {
  const stored = summaryOf(webhookAndMonitoring, { labelsAdded: ['integration-monitoring', 'integration-webhook'] });
  const labels = ['integration-monitoring', 'integration-webhook', 'integration-sync'];
  expect(plan(nothing, { stored, currentLabels: labels })).toMatchObject({ patternsValue: null, removeLabels: [] });
  expect(plan(nothing, { stored, currentLabels: labels, config: { removeOwnLabels: true } })).toMatchObject({ removeLabels: ['integration-monitoring', 'integration-webhook'], summary: { labelsAdded: [] } });
  const personRemovedOne = plan(webhook, { stored, currentLabels: ['integration-webhook'], config: { removeOwnLabels: true } });
  expect(personRemovedOne).toMatchObject({ addLabels: [], removeLabels: [], summary: { labelsAdded: ['integration-webhook'] } });
});

it('keeps the labels-not-on-screen flag until a label write is tried again', () => {
  const stored = summaryOf(webhook, { labelsNotOnScreen: true });
  expect(plan(webhook, { stored }).summary.labelsNotOnScreen).toBe(true);
  expect(plan(webhookAndMonitoring, { stored }).summary.labelsNotOnScreen).toBe(false);
});
