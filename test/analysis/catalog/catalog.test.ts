import { readFileSync } from 'fs';
import { join } from 'path';
import {
  API_DOCUMENTATION_REQUIREMENTS,
  EMAIL_PROVIDER_MOCK,
  PATTERNS,
  PROVIDERS,
  PUSH_PROVIDER_MOCK,
  SMS_PROVIDER_MOCK,
  TEST_ENVIRONMENTS,
  WEBHOOK_SECURITY_CHECKLIST,
  patternById,
  providerById,
} from '../../../src/analysis/catalog';
import { generateTestPlan } from '../../../src/analysis/testcases';
import { PATTERN_IDS, type PatternId, type TestPlan } from '../../../src/analysis/types';

/**
 * Reads the ```yaml blocks of the spec into lists keyed by "section > subsection > key path",
 * e.g. "API Integration Pattern > Test Case Generation Template > API_Test_Cases > P0_Authentication".
 * Handles the three shapes the spec uses: `Key:` opening a nested block, `Key: [..]` inline
 * arrays and `- item` / `- "item"` list items.
 */
function parseSpecBlocks(markdown: string): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  let section = '';
  let subsection = '';
  let inYaml = false;
  let keys: { indent: number; name: string }[] = [];
  // Headings open with an emoji (mis-encoded in our copy of the spec): skip to the first ASCII letter.
  const headingText = (line: string) => line.replace(/^#+\s*/, '').replace(/^[^A-Za-z0-9]+/, '').trim();

  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inYaml = !inYaml && line.trim() === '```yaml';
      keys = [];
      continue;
    }
    if (!inYaml) {
      if (line.startsWith('## ')) section = headingText(line);
      if (line.startsWith('### ')) subsection = headingText(line);
      continue;
    }
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const item = /^\s*-\s+(.*)$/.exec(line);
    const key = /^\s*([^:]+):\s*(.*)$/.exec(line);
    const path = () => [section, subsection, ...keys.map((k) => k.name)].join(' > ');
    if (item) {
      const text = item[1]!.trim();
      const value = text.startsWith('"') ? (JSON.parse(text) as string) : text;
      lists.set(path(), [...(lists.get(path()) ?? []), value]);
    } else if (key) {
      keys = keys.filter((k) => k.indent < indent);
      keys.push({ indent, name: key[1]!.trim() });
      const rest = key[2]!.trim();
      if (rest.startsWith('[')) {
        lists.set(path(), JSON.parse(rest) as string[]);
        keys.pop();
      }
    } else {
      throw new Error(`Unparsed spec line: ${line}`);
    }
  }
  return lists;
}

const spec = parseSpecBlocks(readFileSync(join(__dirname, '../../../docs/spec/integration-patterns.md'), 'utf8'));

function specList(path: string): string[] {
  const list = spec.get(path);
  if (!list) throw new Error(`The spec has no list at "${path}"`);
  return list;
}

function specEntriesUnder(prefix: string): [string, string[]][] {
  return [...spec.entries()].filter(([path]) => path.startsWith(`${prefix} > `));
}

const PATTERN_SECTIONS: Record<PatternId, string> = {
  api_issues: 'API Integration Pattern',
  external_service_issues: 'External Service Integration Pattern',
  sync_issues: 'Data Synchronization Pattern',
  webhook_issues: 'Webhook Integration Pattern',
  monitoring_issues: 'Integration Monitoring Pattern',
};

const CATEGORY_KEYS: Partial<Record<PatternId, string>> = {
  api_issues: 'API Issues',
  external_service_issues: 'External Service Issues',
  sync_issues: 'Data Synchronization Issues',
  webhook_issues: 'Webhook Issues',
};

const CATEGORIES_PREFIX = 'Integration Pattern Framework > Integration Issue Categories';
const PROVIDERS_PREFIX = 'External Service Integration Pattern > Provider-Specific Testing';
const SPEC_PROVIDER_KINDS: Record<string, string> = { Email_Providers: 'email', SMS_Providers: 'sms' };

describe('spec parser', () => {
  it('finds every block of the spec', () => {
    expect(specEntriesUnder(CATEGORIES_PREFIX)).toHaveLength(4);
    for (const section of Object.values(PATTERN_SECTIONS)) {
      expect(specEntriesUnder(`${section} > Test Case Generation Template`)).toHaveLength(4);
      expect(specList(`${section} > Pattern Identification > Keywords`).length).toBeGreaterThan(0);
    }
    expect(specEntriesUnder(PROVIDERS_PREFIX)).toHaveLength(4);
    expect(specList('API Integration Pattern > Test Case Generation Template > API_Test_Cases > P0_Authentication')).toContain(
      'OAuth 2.0 flow completes successfully',
    );
  });
});

describe('pattern catalog', () => {
  it('defines every pattern id once, in PATTERN_IDS order', () => {
    expect(PATTERNS.map((pattern) => pattern.id)).toEqual([...PATTERN_IDS]);
    for (const id of PATTERN_IDS) expect(patternById(id).id).toBe(id);
  });

  it('holds the spec categories verbatim, none for monitoring', () => {
    for (const pattern of PATTERNS) {
      const key = CATEGORY_KEYS[pattern.id];
      expect(pattern.categories).toEqual(key ? specList(`${CATEGORIES_PREFIX} > ${key}`) : []);
    }
  });

  it.each(PATTERN_IDS)('holds the spec keywords, components and symptoms of %s verbatim', (id) => {
    const pattern = patternById(id);
    const block = `${PATTERN_SECTIONS[id]} > Pattern Identification`;
    expect(pattern.keywords).toEqual(specList(`${block} > Keywords`));
    expect(pattern.components).toEqual(specList(`${block} > Components`));
    expect(pattern.symptoms).toEqual(specList(`${block} > Symptoms`));
  });

  it.each(PATTERN_IDS)('holds every test template group of %s verbatim', (id) => {
    const pattern = patternById(id);
    const groups = specEntriesUnder(`${PATTERN_SECTIONS[id]} > Test Case Generation Template`);
    expect(pattern.testGroups).toHaveLength(groups.length);
    for (const [path, lines] of groups) {
      const specKey = path.split(' > ').pop()!;
      const match = /^(P[01])_(.+)$/.exec(specKey);
      expect(match).not.toBeNull();
      const group = pattern.testGroups.find((candidate) => candidate.id === match![2]!.toLowerCase());
      expect(group).toEqual({
        id: match![2]!.toLowerCase(),
        priority: match![1],
        category: match![2]!.replace(/_/g, ' '),
        lines,
      });
    }
  });

  it('uses the spec detector weights, and 0.8 for monitoring', () => {
    const weights = Object.fromEntries(PATTERNS.map((pattern) => [pattern.id, pattern.weight]));
    expect(weights).toEqual({
      api_issues: 1.0,
      external_service_issues: 0.9,
      sync_issues: 0.8,
      webhook_issues: 0.9,
      monitoring_issues: 0.8,
    });
  });

  it('cannot be changed by a caller', () => {
    expect(() => (patternById('api_issues').keywords as string[]).push('x')).toThrow(TypeError);
    expect(() => (PROVIDERS[0]!.checklist as string[]).push('x')).toThrow(TypeError);
    expect(() => (WEBHOOK_SECURITY_CHECKLIST.items as string[]).push('x')).toThrow(TypeError);
  });
});

describe('provider catalog', () => {
  it('holds the spec provider checklists verbatim, and only those are marked fromSpec', () => {
    const specProviders = specEntriesUnder(PROVIDERS_PREFIX);
    for (const [path, checklist] of specProviders) {
      const [group, name] = path.split(' > ').slice(-2) as [string, string];
      const provider = providerById(name.toLowerCase());
      expect(provider).toMatchObject({ kind: SPEC_PROVIDER_KINDS[group], checklist, fromSpec: true });
      expect(provider!.name.startsWith(name)).toBe(true);
    }
    expect(PROVIDERS.filter((provider) => provider.fromSpec)).toHaveLength(specProviders.length);
  });

  it('has the providers the spec names and more, with unique ids and aliases', () => {
    const ids = PROVIDERS.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['sendgrid', 'mailgun', 'twilio', 'nexmo', 'fcm', 'apns', 'stripe', 'slack', 'aws_ses', 'aws_sns',
      'salesforce', 'paypal', 'aws_s3', 'microsoft_teams']) {
      expect(providerById(id)?.id).toBe(id);
    }
    const aliases = PROVIDERS.flatMap((provider) => provider.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(providerById('nexmo')!.aliases).toEqual(expect.arrayContaining(['nexmo', 'vonage']));
    expect(providerById('fcm')!.aliases).toEqual(expect.arrayContaining(['fcm', 'firebase cloud messaging', 'gcm']));
  });

  it('uses lower-case aliases that are not ordinary words or ambiguous abbreviations on their own', () => {
    for (const provider of PROVIDERS) {
      for (const alias of provider.aliases) {
        expect(alias).toBe(alias.toLowerCase().trim());
        expect(['teams', 'ses', 'sns', 's3', 'push', 'mail', 'email', 'sms', 'cloud', 'messaging']).not.toContain(alias);
      }
    }
  });

  it('gives every provider a checklist of 4 to 6 distinct items', () => {
    for (const provider of PROVIDERS) {
      expect(provider.checklist.length).toBeGreaterThanOrEqual(4);
      expect(provider.checklist.length).toBeLessThanOrEqual(6);
      expect(new Set(provider.checklist).size).toBe(provider.checklist.length);
    }
  });

  it('returns undefined for an unknown provider', () => {
    expect(providerById('no_such_provider')).toBeUndefined();
  });
});

describe('guidance', () => {
  it('holds the spec documentation requirements, webhook security, environments and mocks verbatim', () => {
    expect(API_DOCUMENTATION_REQUIREMENTS.items).toEqual(
      specList('API Integration Pattern > API Documentation Requirements > Required_Documentation'),
    );
    expect(WEBHOOK_SECURITY_CHECKLIST.items).toEqual(
      specList('Webhook Integration Pattern > Webhook Security Checklist > Security_Requirements'),
    );
    const environments = specEntriesUnder('Integration Testing Automation > Test Environment Setup > Test_Environments');
    expect(TEST_ENVIRONMENTS.map((environment) => [environment.id, environment.items])).toEqual(
      environments.map(([path, items]) => [path.split(' > ').pop(), items]),
    );
    const mocks = specEntriesUnder('Integration Testing Automation > Mock Service Implementation > Mock_Services');
    expect([EMAIL_PROVIDER_MOCK, SMS_PROVIDER_MOCK].map((mock) => [mock.id, mock.items])).toEqual(
      mocks.map(([path, items]) => [path.split(' > ').pop(), items]),
    );
  });

  it('labels the push provider mock as ours', () => {
    expect(PUSH_PROVIDER_MOCK.title).toMatch(/not in the spec/);
    expect([...spec.keys()].some((path) => path.includes(PUSH_PROVIDER_MOCK.id))).toBe(false);
  });
});

describe('reachability', () => {
  function generatedLines(plan: TestPlan): string[] {
    return [
      ...plan.cases.map((testCase) => testCase.title),
      ...[...plan.providerChecklists, ...plan.environments, ...plan.mockServices].flatMap((checklist) => checklist.items),
      ...(plan.apiDocumentation?.items ?? []),
      ...(plan.webhookSecurity?.items ?? []),
    ];
  }

  it('generates every checklist and template line of the spec from some detection', () => {
    const plans = [
      ...PATTERN_IDS.map((id) => generateTestPlan([id], [])),
      ...PROVIDERS.map((provider) => generateTestPlan(['external_service_issues'], [provider.id])),
    ];
    const generated = new Set(plans.flatMap(generatedLines));
    const notGenerated = [...spec.entries()]
      .filter(([path]) => !path.includes('Pattern Identification') && !path.startsWith(CATEGORIES_PREFIX))
      .flatMap(([path, lines]) => lines.filter((line) => !generated.has(line)).map((line) => `${path}: ${line}`));
    expect(notGenerated).toEqual([]);
  });

  it('puts every template line of a detected pattern among its cases', () => {
    for (const pattern of PATTERNS) {
      const titles = generateTestPlan([pattern.id], []).cases.map((testCase) => testCase.title);
      expect(titles).toEqual(expect.arrayContaining(pattern.testGroups.flatMap((group) => group.lines)));
    }
  });

  it('puts every provider checklist item among the cases and checklists of a plan that names it', () => {
    for (const provider of PROVIDERS) {
      const plan = generateTestPlan(['external_service_issues'], [provider.id]);
      expect(plan.providerChecklists).toEqual([{ id: `provider.${provider.id}`, title: provider.name, items: provider.checklist }]);
      expect(plan.cases.filter((testCase) => testCase.provider === provider.id).map((testCase) => testCase.title)).toEqual(
        provider.checklist,
      );
    }
  });
});
