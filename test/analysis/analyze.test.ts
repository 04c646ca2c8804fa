import * as fc from 'fast-check';
import { analyzeIssue } from '../../src/analysis/analyze';
import { ANALYSIS_VERSION, STRATEGY_NAMES } from '../../src/analysis/types';

const webhookIssue = {
  key: 'SHOP-1',
  summary: 'Stripe webhook signature verification fails',
  description: 'Deliveries are retried with exponential backoff and duplicated.',
  components: ['Payments'],
  labels: ['checkout'],
};

describe('analyzeIssue', () => {
  it('returns a versioned, JSON-serialisable analysis with a test plan', () => {
    const analysis = analyzeIssue(webhookIssue);
    expect(analysis.version).toBe(ANALYSIS_VERSION);
    expect(analysis.key).toBe('SHOP-1');
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
    expect(analysis.testPlan.cases.length).toBeGreaterThan(0);
    expect(analysis.testPlan.webhookSecurity).not.toBeNull();
    expect(analysis.testPlan.providerChecklists.map((c) => c.id)).toContain('provider.stripe');
  });

  it('is deterministic and hashes text plus settings', () => {
    const a = analyzeIssue(webhookIssue);
    expect(analyzeIssue(webhookIssue)).toEqual(a);
    expect(analyzeIssue({ ...webhookIssue, summary: `${webhookIssue.summary}!` }).textHash).not.toBe(a.textHash);
    expect(analyzeIssue(webhookIssue, { strategy: 'seed' }).textHash).not.toBe(a.textHash);
    expect(analyzeIssue(webhookIssue, { threshold: 0.6 }).textHash).not.toBe(a.textHash);
  });

  it('returns an empty plan when nothing is detected', () => {
    const analysis = analyzeIssue({ summary: 'Fix the footer colour' });
    expect(analysis.patterns).toEqual([]);
    expect(analysis.testPlan.cases).toEqual([]);
    expect(analysis.complexity.score).toBe(2);
  });

  it('survives malformed descriptions and reports warnings instead of throwing', () => {
    const analysis = analyzeIssue({ summary: 'Webhook', description: { type: 'doc', content: [{ type: 'mystery', content: 'no' }, 42, null] } });
    expect(analysis.patterns.map((p) => p.id)).toContain('webhook_issues');
    expect(analysis.warnings.length).toBeGreaterThan(0);
  });

  it('property: any summary and description: no throw, deterministic, evidence inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.oneof(fc.string({ maxLength: 400 }), fc.jsonValue()), fc.constantFrom(...STRATEGY_NAMES), (summary, description, strategy) => {
        const a = analyzeIssue({ summary, description }, { strategy });
        expect(analyzeIssue({ summary, description }, { strategy })).toEqual(a);
        for (const p of a.patterns) {
          if (strategy === 'default') expect(p.confidence).toBeLessThanOrEqual(1);
          for (const e of p.evidence) {
            expect(e.offset).toBeGreaterThanOrEqual(0);
            if (e.field === 'summary') expect(summary.slice(e.offset, e.offset + e.phrase.length)).toBe(e.phrase);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: strings built from integration words and markup keep evidence offsets valid', () => {
    const word = fc.constantFrom('webhook', 'REST', 'API', 'sync', 'SendGrid', 'timeout', '{code}', '{{', '}}', 'http://x.io/a', '[a|http://b]', 'İ', '\n', ' ', '-', 'metrics', 'at com.x.Y(Y.java:1)');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (words) => {
        const summary = words.slice(0, 8).join(' ');
        const description = words.join('');
        for (const strategy of STRATEGY_NAMES) {
          const a = analyzeIssue({ summary, description }, { strategy });
          for (const p of a.patterns) for (const e of p.evidence) if (e.field === 'summary') expect(summary.slice(e.offset, e.offset + e.phrase.length)).toBe(e.phrase);
        }
      }),
      { numRuns: 300 },
    );
  });
});
