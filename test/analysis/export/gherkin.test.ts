import { toGherkin } from '../../../src/analysis/export';
import { generateTestPlan } from '../../../src/analysis/testcases';
import { HOSTILE_TITLES, META, hostilePlan } from './fixtures';

interface ParsedScenario {
  tags: string[];
  name: string;
  steps: string[];
}

interface ParsedFeature {
  tags: string[];
  name: string;
  description: string[];
  scenarios: ParsedScenario[];
}

const KEYWORD_LINE = /^(Feature|Rule|Background|Scenario|Scenario Outline|Example|Examples|Scenarios):/;

/**
 * A structural Gherkin reader for what the exporter writes: tags, one Feature with an optional
 * description, then Scenarios of Given/When/Then steps. It throws on any line that a Gherkin
 * parser would read differently (comments, tables, doc strings, stray text).
 */
function parseFeature(text: string): ParsedFeature {
  if (!text.endsWith('\n') || text.includes('\r')) throw new Error('Lines must end with LF only');
  const lines = text.slice(0, -1).split('\n').map((line) => line.trim());
  let pendingTags: string[] = [];
  let feature: ParsedFeature | undefined;
  let scenario: ParsedScenario | undefined;
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith('@')) {
      const tags = line.split(' ');
      for (const tag of tags) if (!/^@[^\s@]+$/.test(tag)) throw new Error(`Invalid tag ${tag}`);
      pendingTags.push(...tags);
    } else if (line.startsWith('Feature:')) {
      if (feature) throw new Error('A second Feature');
      feature = { tags: pendingTags, name: line.slice('Feature:'.length).trim(), description: [], scenarios: [] };
      pendingTags = [];
    } else if (line.startsWith('Scenario:')) {
      if (!feature) throw new Error('Scenario before Feature');
      scenario = { tags: pendingTags, name: line.slice('Scenario:'.length).trim(), steps: [] };
      feature.scenarios.push(scenario);
      pendingTags = [];
    } else if (/^(Given|When|Then|And|But) \S/.test(line)) {
      if (!scenario) throw new Error(`Step outside a Scenario: ${line}`);
      scenario.steps.push(line);
    } else if (feature && !scenario && !/^[#|"]/.test(line) && !KEYWORD_LINE.test(line) && pendingTags.length === 0) {
      feature.description.push(line);
    } else {
      throw new Error(`Unexpected line: ${line}`);
    }
  }
  if (!feature) throw new Error('No Feature');
  if (pendingTags.length > 0) throw new Error('Tags without a Scenario');
  return feature;
}

describe('toGherkin', () => {
  const plan = hostilePlan();
  const feature = parseFeature(toGherkin(plan, META));

  it('writes one Feature for the issue, tagged with its key', () => {
    expect(feature.name).toBe('SendGrid webhook events are dropped');
    expect(feature.tags).toEqual(['@integration-radar', '@INT-42']);
    expect(feature.description).toEqual([
      'Detected integration patterns: Webhook Integration (0.81), API Integration (0.50)',
      'Integration complexity: 7/10',
    ]);
  });

  it('writes one Scenario per case, in plan order, with Given, When and Then', () => {
    expect(feature.scenarios.map((scenario) => scenario.name)).toEqual(
      plan.cases.map((testCase) => testCase.title.replace(/\s+/g, ' ').trim()),
    );
    for (const scenario of feature.scenarios) {
      expect(scenario.steps.map((step) => step.split(' ')[0])).toEqual(['Given', 'When', 'Then']);
      expect(scenario.steps[2]).toBe(`Then ${scenario.name}`);
    }
  });

  it('tags each Scenario with priority, pattern or source and id', () => {
    const byName = new Map(feature.scenarios.map((scenario) => [scenario.name, scenario]));
    expect(byName.get('Unauthorized requests rejected with 401 status')).toEqual({
      tags: ['@P0', '@api_issues', '@id-api_issues.authentication.4'],
      name: 'Unauthorized requests rejected with 401 status',
      steps: [
        'Given the API Integration test environment is ready',
        'When the Authentication checks are run',
        'Then Unauthorized requests rejected with 401 status',
      ],
    });
    expect(byName.get('Signature verification using shared secret')!.tags).toEqual([
      '@P0',
      '@webhook_issues',
      '@webhook_security',
      '@id-webhook_security.1',
    ]);
    expect(byName.get('API key validation and rotation')).toEqual({
      tags: ['@P1', '@provider', '@provider-sendgrid', '@id-provider.sendgrid.1'],
      name: 'API key validation and rotation',
      steps: [
        'Given the integration under test is configured',
        'When the SendGrid checklist is worked through',
        'Then API key validation and rotation',
      ],
    });
  });

  it('keeps hostile titles on one line, where they cannot become comments, tags or tables', () => {
    const names = feature.scenarios.map((scenario) => scenario.name);
    for (const title of HOSTILE_TITLES) expect(names).toContain(title.replace(/\s+/g, ' ').trim());
    const hostile = feature.scenarios.find((scenario) => scenario.name === '# starts like a comment')!;
    expect(hostile.steps[1]).toBe('When the Hostile; "Provider" checklist is worked through');
  });

  it('turns characters a tag cannot hold into dashes', () => {
    const gherkin = toGherkin(plan, { ...META, key: 'odd key@1' });
    expect(parseFeature(gherkin).tags).toEqual(['@integration-radar', '@odd-key-1']);
  });

  it('flattens a multi-line summary and falls back to the key, then a generic name', () => {
    expect(parseFeature(toGherkin(plan, { summary: 'Two\nlines' })).name).toBe('Two lines');
    expect(parseFeature(toGherkin(plan, { key: 'INT-7', summary: ' \n ' })).name).toBe('INT-7');
    expect(parseFeature(toGherkin(plan)).name).toBe('Integration test plan');
  });

  it('writes a Feature without scenarios for an empty plan', () => {
    const empty = parseFeature(toGherkin(generateTestPlan([], []), { key: 'INT-1', summary: 'Nothing here' }));
    expect(empty.scenarios).toEqual([]);
    expect(empty.name).toBe('Nothing here');
  });
});
