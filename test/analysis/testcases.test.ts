import {
  API_DOCUMENTATION_REQUIREMENTS,
  PATTERNS,
  PROVIDERS,
  WEBHOOK_SECURITY_CHECKLIST,
  patternById,
  providerById,
} from '../../src/analysis/catalog';
import { generateTestPlan } from '../../src/analysis/testcases';
import { PATTERN_IDS, type ProviderDefinition, type TestCase, type TestPlan } from '../../src/analysis/types';

const EMPTY_PLAN: TestPlan = {
  cases: [],
  providerChecklists: [],
  apiDocumentation: null,
  webhookSecurity: null,
  environments: [],
  mockServices: [],
};

function ids(plan: TestPlan): string[] {
  return plan.cases.map((testCase) => testCase.id);
}

function groupIds(patternId: (typeof PATTERN_IDS)[number], priority: 'P0' | 'P1'): string[] {
  return patternById(patternId)
    .testGroups.filter((group) => group.priority === priority)
    .flatMap((group) => group.lines.map((_, index) => `${patternId}.${group.id}.${index + 1}`));
}

/** The id a case must have, recomputed from where its title sits in the catalog. */
function idFromCatalog(testCase: TestCase): string {
  switch (testCase.source) {
    case 'pattern': {
      const group = patternById(testCase.pattern!).testGroups.find((candidate) => candidate.lines.includes(testCase.title))!;
      return `${testCase.pattern}.${group.id}.${group.lines.indexOf(testCase.title) + 1}`;
    }
    case 'provider':
      return `provider.${testCase.provider}.${providerById(testCase.provider!)!.checklist.indexOf(testCase.title) + 1}`;
    case 'webhook_security':
      return `webhook_security.${WEBHOOK_SECURITY_CHECKLIST.items.indexOf(testCase.title) + 1}`;
    case 'api_documentation':
      return `api_documentation.${API_DOCUMENTATION_REQUIREMENTS.items.indexOf(testCase.title) + 1}`;
    default:
      throw new Error(`Unexpected case source ${testCase.source}`);
  }
}

const customProvider: ProviderDefinition = {
  id: 'acme_ledger',
  name: 'Acme Ledger',
  kind: 'other',
  aliases: ['acme ledger'],
  checklist: ['Ledger entries balance after import', 'API key authentication works correctly', 'Ledger entries balance after import'],
  fromSpec: false,
};

describe('generateTestPlan', () => {
  it('returns an empty plan when no pattern is detected, whatever the providers', () => {
    expect(generateTestPlan([], [])).toEqual(EMPTY_PLAN);
    expect(generateTestPlan([], ['sendgrid', 'twilio'])).toEqual(EMPTY_PLAN);
  });

  it('orders P0 before P1, by the given pattern order, then template order, then checklists', () => {
    const plan = generateTestPlan(['webhook_issues', 'api_issues'], ['stripe']);
    expect(ids(plan)).toEqual([
      ...groupIds('webhook_issues', 'P0'),
      ...groupIds('api_issues', 'P0'),
      ...[1, 2, 3, 4, 5, 6].map((n) => `webhook_security.${n}`),
      ...groupIds('webhook_issues', 'P1'),
      ...groupIds('api_issues', 'P1'),
      ...[1, 2, 3, 4, 5, 6].map((n) => `api_documentation.${n}`),
      ...providerById('stripe')!.checklist.map((_, index) => `provider.stripe.${index + 1}`),
    ]);
    expect(ids(generateTestPlan(['api_issues', 'webhook_issues'], ['stripe'])).slice(0, 8)).toEqual(groupIds('api_issues', 'P0'));
  });

  it('describes each case from its template group', () => {
    const [first] = generateTestPlan(['api_issues'], []).cases;
    expect(first).toEqual({
      id: 'api_issues.endpoint_functionality.1',
      pattern: 'api_issues',
      priority: 'P0',
      category: 'Endpoint Functionality',
      title: 'API endpoints respond with correct HTTP status codes',
      source: 'pattern',
    });
  });

  it('emits webhook security as P0 and API documentation and provider items as P1 cases', () => {
    const plan = generateTestPlan(['api_issues', 'webhook_issues'], ['sendgrid']);
    const byId = new Map(plan.cases.map((testCase) => [testCase.id, testCase]));
    expect(byId.get('webhook_security.1')).toMatchObject({
      pattern: 'webhook_issues',
      priority: 'P0',
      source: 'webhook_security',
      title: 'Signature verification using shared secret',
    });
    expect(byId.get('api_documentation.1')).toMatchObject({
      pattern: 'api_issues',
      priority: 'P1',
      source: 'api_documentation',
      title: 'Endpoint URL and HTTP methods',
    });
    expect(byId.get('provider.sendgrid.1')).toEqual({
      id: 'provider.sendgrid.1',
      pattern: null,
      priority: 'P1',
      category: 'SendGrid checklist',
      title: 'API key validation and rotation',
      source: 'provider',
      provider: 'sendgrid',
    });
  });

  it('gives stable, unique ids and the same plan for the same input', () => {
    const everything = generateTestPlan(PATTERN_IDS, PROVIDERS.map((provider) => provider.id));
    expect(generateTestPlan(PATTERN_IDS, PROVIDERS.map((provider) => provider.id))).toEqual(everything);
    expect(new Set(ids(everything)).size).toBe(everything.cases.length);
    for (const testCase of everything.cases) expect(testCase.id).toBe(idFromCatalog(testCase));
  });

  it('keeps every line when nothing repeats, numbering ids by template position', () => {
    const everything = generateTestPlan(PATTERN_IDS, PROVIDERS.map((provider) => provider.id));
    const templateLines = PATTERNS.flatMap((pattern) => pattern.testGroups.flatMap((group) => group.lines));
    const providerLines = PROVIDERS.flatMap((provider) => provider.checklist);
    expect(everything.cases).toHaveLength(templateLines.length + providerLines.length + 6 + 6);
  });

  it('drops repeated titles and keeps the first, without renumbering the rest', () => {
    const plan = generateTestPlan(['api_issues'], ['acme_ledger'], [customProvider]);
    const titles = plan.cases.map((testCase) => testCase.title);
    expect(titles.filter((title) => title === 'API key authentication works correctly')).toHaveLength(1);
    expect(plan.cases.find((testCase) => testCase.title === 'API key authentication works correctly')!.id).toBe(
      'api_issues.authentication.1',
    );
    expect(plan.cases.filter((testCase) => testCase.provider === 'acme_ledger').map((testCase) => testCase.id)).toEqual([
      'provider.acme_ledger.1',
    ]);
    expect(plan.providerChecklists).toEqual([{ id: 'provider.acme_ledger', title: 'Acme Ledger', items: customProvider.checklist }]);
  });

  it('ignores repeated pattern and provider ids', () => {
    expect(generateTestPlan(['sync_issues', 'sync_issues'], ['twilio', 'twilio'])).toEqual(
      generateTestPlan(['sync_issues'], ['twilio']),
    );
  });

  it('adds API documentation only for api_issues and webhook security only for webhook_issues', () => {
    const api = generateTestPlan(['api_issues'], []);
    expect(api.apiDocumentation?.title).toBe('API Documentation Requirements');
    expect(api.webhookSecurity).toBeNull();
    const webhook = generateTestPlan(['webhook_issues'], []);
    expect(webhook.apiDocumentation).toBeNull();
    expect(webhook.webhookSecurity?.title).toBe('Webhook Security Checklist');
    const sync = generateTestPlan(['sync_issues'], []);
    expect([sync.apiDocumentation, sync.webhookSecurity]).toEqual([null, null]);
    expect(sync.cases.every((testCase) => testCase.source === 'pattern')).toBe(true);
  });

  it('lists both test environments whenever a pattern is detected', () => {
    for (const id of PATTERN_IDS) {
      expect(generateTestPlan([id], []).environments.map((environment) => environment.id)).toEqual([
        'sandbox_mode',
        'staging_integration',
      ]);
    }
  });

  it.each([
    [['api_issues'], [], []],
    [['api_issues'], ['sendgrid'], ['email_provider_mock']],
    [['sync_issues'], ['aws_ses'], ['email_provider_mock']],
    [['api_issues'], ['twilio'], ['sms_provider_mock']],
    [['api_issues'], ['twilio', 'mailgun'], ['email_provider_mock', 'sms_provider_mock']],
    [['external_service_issues'], [], ['email_provider_mock', 'sms_provider_mock']],
    [['external_service_issues'], ['stripe'], []],
    [['webhook_issues'], ['fcm'], ['push_provider_mock']],
  ] as const)('for patterns %j and providers %j lists mock services %j', (patterns, providers, mocks) => {
    expect(generateTestPlan(patterns, providers).mockServices.map((mock) => mock.id)).toEqual(mocks);
  });

  it('lets a custom provider with a catalog id replace the catalog entry', () => {
    const ownSendgrid: ProviderDefinition = { ...providerById('sendgrid')!, checklist: ['Our own SendGrid check', 'Second'] };
    const plan = generateTestPlan(['external_service_issues'], ['sendgrid'], [ownSendgrid]);
    expect(plan.providerChecklists[0]!.items).toEqual(['Our own SendGrid check', 'Second']);
  });

  it('throws on a provider id that is neither in the catalog nor custom', () => {
    expect(() => generateTestPlan(['api_issues'], ['no_such_provider'])).toThrow(/no_such_provider/);
  });

  it('returns copies, so changing a plan leaves the catalog untouched', () => {
    const plan = generateTestPlan(['api_issues', 'webhook_issues'], ['twilio']);
    plan.apiDocumentation!.items.push('extra');
    plan.webhookSecurity!.items.push('extra');
    plan.providerChecklists[0]!.items.push('extra');
    plan.environments[0]!.items.push('extra');
    plan.mockServices[0]!.items.push('extra');
    const fresh = generateTestPlan(['api_issues', 'webhook_issues'], ['twilio']);
    expect(fresh.apiDocumentation!.items).not.toContain('extra');
    expect(fresh.webhookSecurity!.items).not.toContain('extra');
    expect(fresh.providerChecklists[0]!.items).not.toContain('extra');
    expect(fresh.environments[0]!.items).not.toContain('extra');
    expect(fresh.mockServices[0]!.items).not.toContain('extra');
  });
});
