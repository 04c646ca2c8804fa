import { analyzeIssue } from '../../../src/analysis/analyze';

/** Expected values computed by hand from the spec's detect_integration_pattern. */
function seed(summary: string, description = '') {
  return analyzeIssue({ summary, description, descriptionFormat: 'plain' }, { strategy: 'seed' }).patterns.map((p) => ({
    id: p.id,
    confidence: p.confidence,
    keywords: p.matchedKeywords,
    components: p.matchedComponents,
  }));
}

describe('seed strategy (the spec as written)', () => {
  it('scores keywords x 0.7 + components x 0.3, times the pattern weight', () => {
    // api: api, endpoint, request = 3 x 0.7 = 2.1; "REST" is a component but never matches.
    expect(seed('REST API endpoint fails on every request')).toEqual([
      { id: 'api_issues', confidence: 2.1, keywords: ['api', 'endpoint', 'request'], components: [] },
    ]);
  });

  it('never matches mixed-case components against the lower-cased text', () => {
    // external: no keyword; SendGrid/Twilio are components written in mixed case -> 0.
    // webhook: "webhook" = 0.7 x 0.9 = 0.63; "HTTP" never matches, "payload" does: +0.3 x 0.9.
    expect(seed('SendGrid and Twilio webhook payload over HTTP')).toEqual([
      { id: 'webhook_issues', confidence: 0.9, keywords: ['webhook'], components: ['payload'] },
    ]);
  });

  it('matches substrings, so "rapid" contains "api"', () => {
    expect(seed('Rapid growth of the team')).toEqual([{ id: 'api_issues', confidence: 0.7, keywords: ['api'], components: [] }]);
  });

  it('fires on two lower-case components alone (0.6 x 0.8 = 0.48 >= 0.4) but not on one (0.27 < 0.4)', () => {
    expect(seed('database cache')).toEqual([{ id: 'sync_issues', confidence: 0.48, keywords: [], components: ['database', 'cache'] }]);
    expect(seed('the payload')).toEqual([]);
  });

  it('sorts by score and keeps the spec order for ties', () => {
    // external: "service" 0.63; webhook: "event" 0.63; sync: "sync" 0.56
    expect(seed('service event sync').map((p) => [p.id, p.confidence])).toEqual([
      ['external_service_issues', 0.63],
      ['webhook_issues', 0.63],
      ['sync_issues', 0.56],
    ]);
  });

  it('has no monitoring pattern', () => {
    expect(seed('Monitoring metrics, dashboards and alerting for health checks')).toEqual([]);
  });

  it('reads the description too, as str(ticket_data) does', () => {
    expect(seed('Checkout bug', 'The third-party provider times out')).toEqual([
      { id: 'external_service_issues', confidence: 1.26, keywords: ['provider', 'third-party'], components: [] },
    ]);
  });
});
