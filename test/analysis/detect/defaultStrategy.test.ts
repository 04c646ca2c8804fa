import { analyzeIssue } from '../../../src/analysis/analyze';
import type { IssueInput, PatternId } from '../../../src/analysis/types';

function analyze(issue: Partial<IssueInput> & { summary: string }, config = {}) {
  return analyzeIssue({ description: '', ...issue }, config);
}
function confidence(issue: Partial<IssueInput> & { summary: string }, pattern: PatternId, config = {}): number {
  return analyze(issue, { threshold: 0, ...config }).patterns.find((p) => p.id === pattern)?.confidence ?? 0;
}
function ids(issue: Partial<IssueInput> & { summary: string }): PatternId[] {
  return analyze(issue).patterns.map((p) => p.id);
}

describe('default strategy', () => {
  it('matches inflections: timeout / timeouts / timed out, synchronise / synchronization', () => {
    const timeout = confidence({ summary: 'Calls to the REST API endpoint timeout' }, 'api_issues');
    expect(timeout).toBeGreaterThan(0);
    expect(confidence({ summary: 'Calls to the REST API endpoint timeouts' }, 'api_issues')).toBe(timeout);
    expect(confidence({ summary: 'Calls to the REST API endpoint timed out' }, 'api_issues')).toBe(timeout);
    const sync = confidence({ summary: 'Orders do not synchronise to the warehouse' }, 'sync_issues');
    expect(sync).toBeGreaterThanOrEqual(0.5);
    expect(confidence({ summary: 'Order synchronization to the warehouse fails' }, 'sync_issues')).toBe(sync);
  });

  it('matches whole words only, unlike the seed substring test', () => {
    expect(ids({ summary: 'Rapid prototyping of the capital asset form' })).toEqual([]);
    expect(analyzeIssue({ summary: 'Rapid prototyping of the capital asset form' }, { strategy: 'seed' }).patterns.map((p) => p.id)).toContain('api_issues');
  });

  it('matches multi-word phrases across hyphens and case', () => {
    expect(ids({ summary: 'Third-party geocoding provider returns stale results' })).toContain('external_service_issues');
    expect(ids({ summary: 'THIRD PARTY geocoding provider returns stale results' })).toContain('external_service_issues');
  });

  it('matches provider and component names in any case', () => {
    for (const summary of ['SendGrid bounces are not processed', 'sendgrid bounces are not processed', 'SENDGRID bounces are not processed']) {
      const a = analyze({ summary });
      expect(a.patterns.map((p) => p.id)).toContain('external_service_issues');
      expect(a.providers.map((p) => p.id)).toEqual(['sendgrid']);
    }
    expect(ids({ summary: 'Move billing calls to graphql' })).toContain('api_issues');
  });

  it('weighs the summary over the description', () => {
    const inSummary = confidence({ summary: 'Webhook retries', description: 'See below.' }, 'webhook_issues');
    const inDescription = confidence({ summary: 'See below', description: 'Webhook retries.' }, 'webhook_issues');
    expect(inSummary).toBeGreaterThan(inDescription);
  });

  it('weighs prose over code and ignores URLs', () => {
    const prose = confidence({ summary: 'Fix the bug', description: 'The metrics exporter stops.' }, 'monitoring_issues');
    const code = confidence({ summary: 'Fix the bug', description: 'See {code}metrics exporter stops{code}' }, 'monitoring_issues');
    expect(prose).toBeGreaterThan(code);
    expect(ids({ summary: 'Fix the bug', description: 'See https://example.com/webhook/metrics/graphql/sendgrid for details' })).toEqual([]);
  });

  it('counts a product named in code: the ticket calls that provider', () => {
    const a = analyze({ summary: 'Calls fail after upgrade', description: '```\nclient = Twilio::REST::Client.new(sid, token)\n```' });
    expect(a.providers.map((p) => p.id)).toEqual(['twilio']);
    expect(a.patterns.map((p) => p.id)).toContain('external_service_issues');
  });

  it('cancels matches by context: "the rest of", generic "service", stack traces', () => {
    expect(ids({ summary: 'Align the rest of the page with the new header' })).toEqual([]);
    expect(ids({ summary: 'Customer service team wants a new report layout' })).toEqual([]);
    expect(ids({ summary: 'Add a REST endpoint for orders' })).toContain('api_issues');
    expect(ids({ summary: 'Parser crashes', description: '{noformat}java.lang.IllegalStateException: webhook\n\tat com.acme.Sync.run(Sync.java:42)\n\tat com.acme.Replication.apply(Replication.java:7){noformat}' })).toEqual([]);
  });

  it('reports confidence in 0..1 and evidence that points into the text', () => {
    const description = 'Stripe webhook signature verification fails and deliveries are retried.';
    const a = analyze({ summary: 'Stripe webhook signature errors', description });
    expect(a.patterns.length).toBeGreaterThan(0);
    for (const p of a.patterns) {
      expect(p.confidence).toBeGreaterThan(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
      expect(p.evidence.length).toBeGreaterThan(0);
      for (const e of p.evidence) {
        const text = e.field === 'summary' ? 'Stripe webhook signature errors' : description;
        expect(text.slice(e.offset, e.offset + e.phrase.length)).toBe(e.phrase);
        expect(e.snippet).toContain(e.phrase);
      }
    }
    const webhook = a.patterns.find((p) => p.id === 'webhook_issues')!;
    expect(webhook.matchedKeywords).toContain('webhook');
    expect(webhook.matchedComponents).toContain('signature');
  });

  it('sorts patterns by confidence and respects the threshold', () => {
    const a = analyze({ summary: 'Webhook deliveries to the REST API time out', description: 'The webhook endpoint returns 503.' });
    const confidences = a.patterns.map((p) => p.confidence);
    expect([...confidences].sort((x, y) => y - x)).toEqual(confidences);
    expect(analyze({ summary: 'Webhook deliveries to the REST API time out' }, { threshold: 0.99 }).patterns).toEqual([]);
  });

  it('uses extra keywords and custom providers from the config', () => {
    const summary = 'Orders stuck in the Flurbo relay';
    expect(ids({ summary })).toEqual([]);
    expect(analyze({ summary }, { extraKeywords: { sync_issues: ['flurbo relay'] } }).patterns.map((p) => p.id)).toEqual(['sync_issues']);
    const custom = analyze({ summary }, { customProviders: [{ id: 'flurbo', name: 'Flurbo', kind: 'other', aliases: ['flurbo'], checklist: ['Relay token rotation'], fromSpec: false }] });
    expect(custom.providers.map((p) => p.id)).toEqual(['flurbo']);
    expect(custom.patterns.map((p) => p.id)).toContain('external_service_issues');
    expect(custom.testPlan.providerChecklists.flatMap((c) => c.items)).toContain('Relay token rotation');
  });

  it('reads components and labels', () => {
    expect(ids({ summary: 'Emails are not sent', components: ['Mailgun'] })).toContain('external_service_issues');
    expect(ids({ summary: 'Investigate slowness', labels: ['webhooks'] })).toContain('webhook_issues');
  });
});
