/**
 * Turns detected patterns and providers into a test plan: the spec's test templates for each
 * pattern, plus the checklists that apply (providers, API documentation, webhook security) as
 * test cases of their own, so that an export holds everything a QA lead runs.
 */
import {
  API_DOCUMENTATION_REQUIREMENTS,
  EMAIL_PROVIDER_MOCK,
  PUSH_PROVIDER_MOCK,
  SMS_PROVIDER_MOCK,
  TEST_ENVIRONMENTS,
  WEBHOOK_SECURITY_CHECKLIST,
  patternById,
  providerById,
} from './catalog';
import type {
  Checklist,
  GuidanceSection,
  PatternDefinition,
  PatternId,
  Priority,
  ProviderDefinition,
  TestCase,
  TestPlan,
} from './types';

/**
 * `patternIds` in detection order (highest confidence first); `providerIds` are catalog ids or
 * ids of `extraProviders` (an extra provider with a catalog id replaces the catalog entry).
 * Cases: P0 before P1; within a priority, pattern templates in the given pattern order, then
 * the checklists. Ids are stable: `${pattern}.${group}.${n}`, `provider.${id}.${n}`,
 * `webhook_security.${n}`, `api_documentation.${n}` with n the item's 1-based position.
 */
export function generateTestPlan(
  patternIds: readonly PatternId[],
  providerIds: readonly string[],
  extraProviders: readonly ProviderDefinition[] = [],
): TestPlan {
  const patterns = unique(patternIds).map(patternById);
  if (patterns.length === 0) return emptyPlan();

  const detected = new Set(patterns.map((pattern) => pattern.id));
  const providers = unique(providerIds).map((id) => resolveProvider(id, extraProviders));
  const apiDocumentation = detected.has('api_issues') ? toChecklist(API_DOCUMENTATION_REQUIREMENTS) : null;
  const webhookSecurity = detected.has('webhook_issues') ? toChecklist(WEBHOOK_SECURITY_CHECKLIST) : null;

  const cases = [
    ...patterns.flatMap((pattern) => templateCases(pattern, 'P0')),
    ...(webhookSecurity
      ? guidanceCases(webhookSecurity, 'webhook_security', 'webhook_issues', 'P0', 'Webhook security checklist')
      : []),
    ...patterns.flatMap((pattern) => templateCases(pattern, 'P1')),
    ...(apiDocumentation
      ? guidanceCases(apiDocumentation, 'api_documentation', 'api_issues', 'P1', 'API documentation checklist')
      : []),
    ...providers.flatMap(providerCases),
  ];

  return {
    cases: withoutRepeatedTitles(cases),
    providerChecklists: providers.map((provider) => ({
      id: `provider.${provider.id}`,
      title: provider.name,
      items: [...provider.checklist],
    })),
    apiDocumentation,
    webhookSecurity,
    environments: TEST_ENVIRONMENTS.map(toChecklist),
    mockServices: mockServicesFor(detected, providers).map(toChecklist),
  };
}

function emptyPlan(): TestPlan {
  return { cases: [], providerChecklists: [], apiDocumentation: null, webhookSecurity: null, environments: [], mockServices: [] };
}

function templateCases(pattern: PatternDefinition, priority: Priority): TestCase[] {
  return pattern.testGroups
    .filter((group) => group.priority === priority)
    .flatMap((group) =>
      group.lines.map((title, index) => ({
        id: `${pattern.id}.${group.id}.${index + 1}`,
        pattern: pattern.id,
        priority,
        category: group.category,
        title,
        source: 'pattern' as const,
      })),
    );
}

function guidanceCases(
  checklist: Checklist,
  source: 'webhook_security' | 'api_documentation',
  pattern: PatternId,
  priority: Priority,
  category: string,
): TestCase[] {
  return checklist.items.map((title, index) => ({
    id: `${checklist.id}.${index + 1}`,
    pattern,
    priority,
    category,
    title,
    source,
  }));
}

function providerCases(provider: ProviderDefinition): TestCase[] {
  return provider.checklist.map((title, index) => ({
    id: `provider.${provider.id}.${index + 1}`,
    pattern: null,
    priority: 'P1',
    category: `${provider.name} checklist`,
    title,
    source: 'provider',
    provider: provider.id,
  }));
}

/**
 * Email and SMS mocks when such a provider is detected, both when the ticket is about an
 * external service without naming one, and our push mock when a push provider is detected.
 */
function mockServicesFor(detected: ReadonlySet<PatternId>, providers: readonly ProviderDefinition[]): GuidanceSection[] {
  const kinds = new Set(providers.map((provider) => provider.kind));
  const unnamedExternalService = detected.has('external_service_issues') && providers.length === 0;
  return [
    ...(kinds.has('email') || unnamedExternalService ? [EMAIL_PROVIDER_MOCK] : []),
    ...(kinds.has('sms') || unnamedExternalService ? [SMS_PROVIDER_MOCK] : []),
    ...(kinds.has('push') ? [PUSH_PROVIDER_MOCK] : []),
  ];
}

function resolveProvider(id: string, extraProviders: readonly ProviderDefinition[]): ProviderDefinition {
  const provider = extraProviders.find((candidate) => candidate.id === id) ?? providerById(id);
  if (!provider) throw new Error(`Unknown provider "${id}": neither in the catalog nor among the custom providers`);
  return provider;
}

function toChecklist(section: GuidanceSection): Checklist {
  return { id: section.id, title: section.title, items: [...section.items] };
}

/** Keeps the first case of each title, so a line shared by two sources is tested once. */
function withoutRepeatedTitles(cases: readonly TestCase[]): TestCase[] {
  const seen = new Set<string>();
  return cases.filter((testCase) => {
    if (seen.has(testCase.title)) return false;
    seen.add(testCase.title);
    return true;
  });
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
