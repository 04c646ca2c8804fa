import { toMarkdown } from '../../../src/analysis/export';
import { generateTestPlan } from '../../../src/analysis/testcases';
import { META, hostilePlan } from './fixtures';

describe('toMarkdown', () => {
  const plan = hostilePlan();
  const markdown = toMarkdown(plan, META);
  const lines = markdown.split('\n');

  it('opens with the issue and what was detected', () => {
    expect(lines.slice(0, 5)).toEqual([
      '# Integration test plan for INT-42: SendGrid webhook events are dropped',
      '',
      '- **Detected patterns:** Webhook Integration (0.81), API Integration (0.50)',
      '- **Integration complexity:** 7/10',
      '',
    ]);
  });

  it('lists P0 cases before P1 cases, each once as a checkbox with its id', () => {
    const headings = lines.filter((line) => line.startsWith('## '));
    const p0 = plan.cases.filter((testCase) => testCase.priority === 'P0').length;
    expect(headings).toEqual([
      `## P0 test cases (${p0})`,
      `## P1 test cases (${plan.cases.length - p0})`,
      '## Test environments',
      '## Mock services',
    ]);
    const checkboxes = lines.filter((line) => line.startsWith('- [ ] '));
    expect(checkboxes.map((line) => /`([^`]+)`$/.exec(line)?.[1])).toEqual(plan.cases.map((testCase) => testCase.id));
    expect(checkboxes[0]).toBe('- [ ] Webhook endpoints receive events successfully `webhook_issues.delivery.1`');
  });

  it('groups cases under pattern and checklist headings in plan order', () => {
    const groupHeadings = lines.filter((line) => line.startsWith('### '));
    expect(groupHeadings.slice(0, 6)).toEqual([
      '### Webhook Integration: Delivery',
      '### Webhook Integration: Security',
      '### API Integration: Endpoint Functionality',
      '### API Integration: Authentication',
      '### Webhook security checklist',
      '### Webhook Integration: Event Processing',
    ]);
    expect(groupHeadings).toContain('### SendGrid checklist');
    expect(groupHeadings).toContain('### Hostile; "Provider" checklist');
  });

  it('lists the test environments and mock services to set up', () => {
    const environments = lines.indexOf('## Test environments');
    expect(lines.slice(environments, environments + 8)).toEqual([
      '## Test environments',
      '',
      '### Sandbox Mode',
      '',
      '- External services in test/sandbox mode',
      '- Mock services for unavailable providers',
      '- Test data isolation and cleanup',
      '- Network simulation for latency testing',
    ]);
    expect(lines).toContain('### Email Provider Mock');
    expect(lines).toContain('- Simulate delivery success/failure scenarios');
  });

  it('escapes markup and flattens line breaks in titles', () => {
    expect(lines).toContain('- [ ] Line break and CRLF inside `provider.hostile.3`');
    expect(lines).toContain(
      '- [ ] \\*markdown\\* \\_chars\\_ \\[link\\](x) \\<b\\>html\\</b\\> \\`code\\` `provider.hostile.8`',
    );
    expect(lines).toContain('- [ ] \\| starts \\| like a table `provider.hostile.7`');
    expect(lines).toContain('- [ ] API response times within SLA requirements (\\<200ms) `api_issues.performance.1`');
  });

  it('says so when nothing was detected, and leaves out the facts it was not given', () => {
    expect(toMarkdown(generateTestPlan([], []))).toBe(
      '# Integration test plan\n\nNo integration pattern detected, so there are no integration test cases.\n',
    );
    expect(toMarkdown(generateTestPlan([], []), { key: 'INT-1', patterns: [] })).toContain('- **Detected patterns:** none');
  });
});
