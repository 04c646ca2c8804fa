import { analyzeIssue } from '../../src/analysis/analyze';

function complexity(summary: string, description = '') {
  return analyzeIssue({ summary, description }).complexity;
}

describe('assessComplexity', () => {
  it('starts at base 2 with no factors', () => {
    expect(complexity('Fix the footer colour')).toEqual({ score: 2, base: 2, factors: [] });
  });

  it('applies each of the six factors with its points and evidence', () => {
    const cases: [string, string, number][] = [
      ['real_time_sync', 'Inventory must update in real-time', 2],
      ['security_sensitive', 'Token authentication for the export', 2],
      ['high_volume', 'Bulk import of orders is slow', 2],
      ['cross_region', 'Replicate buckets cross-region', 1],
      ['legacy_system', 'Read orders from the legacy mainframe', 2],
    ];
    for (const [id, summary, points] of cases) {
      const result = complexity(summary);
      const factor = result.factors.find((f) => f.id === id);
      expect(factor).toMatchObject({ id, points });
      expect(factor!.evidence[0]!.field).toBe('summary');
      expect(summary.slice(factor!.evidence[0]!.offset, factor!.evidence[0]!.offset + factor!.evidence[0]!.phrase.length)).toBe(factor!.evidence[0]!.phrase);
    }
  });

  it('adds multiple_services when more than one pattern or provider is involved', () => {
    const result = complexity('Stripe webhook deliveries fail and the REST API times out', 'Also SendGrid bounces.');
    expect(result.factors.map((f) => f.id)).toContain('multiple_services');
    expect(result.factors.find((f) => f.id === 'multiple_services')!.points).toBe(3);
  });

  it('caps the score at 10', () => {
    const result = complexity(
      'Real-time sync of bulk orders between regions through the legacy mainframe REST API',
      'Stripe webhooks need authentication; SendGrid and Twilio too. Data centers in two regions, millions of records.',
    );
    expect(result.factors.reduce((s, f) => s + f.points, result.base)).toBeGreaterThan(10);
    expect(result.score).toBe(10);
  });

  it('matches words, not substrings, and only in prose', () => {
    expect(complexity('Instantiate the parser').factors).toEqual([]);
    expect(complexity('Fix parser', '{code}SecurityException at Foo.java:12{code}').factors).toEqual([]);
  });
});
