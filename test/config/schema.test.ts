import { AdminConfigSchema, DEFAULT_ADMIN_CONFIG, isProjectEnabled, MAX_LABEL_LENGTH, PATTERN_LABEL_SUFFIX, toAnalysisConfig, type AdminConfig } from '../../src/config/schema';
import { toFieldErrors } from '../../src/contract';
import { PATTERN_IDS } from '../../src/analysis/types';

function errorsFor(changes: Record<string, unknown>) {
  const parsed = AdminConfigSchema.safeParse({ ...DEFAULT_ADMIN_CONFIG, ...changes });
  return parsed.success ? [] : toFieldErrors(parsed.error);
}

const provider = { id: 'acme-pay', name: 'Acme Pay', kind: 'payments', aliases: ['Acme Pay'], checklist: ['Refund a captured payment'] };

describe('AdminConfigSchema', () => {
  it('accepts the defaults and a full configuration, filling in fromSpec for custom providers', () => {
    expect(AdminConfigSchema.parse(DEFAULT_ADMIN_CONFIG)).toEqual(DEFAULT_ADMIN_CONFIG);
    const full = { ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY', 'OPS_2'], strategy: 'seed', threshold: 0, extraKeywords: { webhook_issues: ['callback url', 'signat*'] }, customProviders: [provider] };
    expect(AdminConfigSchema.parse(full)).toEqual({ ...full, customProviders: [{ ...provider, fromSpec: false }] });
  });

  it('checks the label prefix as Jira checks labels: no spaces, and every label within 255 characters', () => {
    expect(errorsFor({ labelPrefix: 'integration radar-' })).toEqual([{ path: 'labelPrefix', message: 'Jira labels cannot contain spaces: remove the spaces from the label prefix.' }]);
    expect(errorsFor({ labelPrefix: '' })).toEqual([{ path: 'labelPrefix', message: 'Enter a label prefix, e.g. integration-.' }]);
    const longest = Math.max(...Object.values(PATTERN_LABEL_SUFFIX).map((suffix) => suffix.length));
    expect(errorsFor({ labelPrefix: 'x'.repeat(MAX_LABEL_LENGTH - longest) })).toEqual([]);
    expect(errorsFor({ labelPrefix: 'x'.repeat(MAX_LABEL_LENGTH - longest + 1) })[0]?.message).toMatch(/^The label prefix can have at most 239 characters/);
  });

  it('gives a message per field for the threshold, strategy, switches and project keys', () => {
    expect(errorsFor({ threshold: -0.1 })).toEqual([{ path: 'threshold', message: 'The threshold is at least 0.' }]);
    expect(errorsFor({ threshold: '0.5' })).toEqual([{ path: 'threshold', message: 'The threshold is a number between 0 and 1.' }]);
    expect(errorsFor({ strategy: 'magic' })).toEqual([{ path: 'strategy', message: 'Choose a strategy: default or seed.' }]);
    expect(errorsFor({ removeOwnLabels: 'yes' })).toEqual([{ path: 'removeOwnLabels', message: 'Choose whether to remove the app’s labels when a pattern disappears.' }]);
    expect(errorsFor({ enabledProjects: ['PAY', 'pay', 'PAY'] })).toEqual([
      { path: 'enabledProjects.1', message: 'A project key starts with an uppercase letter and has only uppercase letters, digits and underscores, e.g. PAY.' },
      { path: 'enabledProjects.2', message: 'The project PAY is listed twice.' },
    ]);
  });

  it('checks extra keywords: a known pattern, a word with letters or digits, no short wildcard', () => {
    expect(errorsFor({ extraKeywords: { billing_issues: ['invoice'] } })).toEqual([
      { path: 'extraKeywords', message: "Extra keywords belong to a pattern (api_issues, external_service_issues, sync_issues, webhook_issues, monitoring_issues), not to 'billing_issues'." },
    ]);
    expect(errorsFor({ extraKeywords: { sync_issues: ['  '] } })).toEqual([{ path: 'extraKeywords.sync_issues.0', message: 'Enter a word or phrase.' }]);
    expect(errorsFor({ extraKeywords: { sync_issues: ['ab*'] } })).toEqual([{ path: 'extraKeywords.sync_issues.0', message: "A wildcard needs at least 3 letters before '*', e.g. auth*." }]);
    expect(errorsFor({ extraKeywords: { sync_issues: ['replica --'] } })).toEqual([{ path: 'extraKeywords.sync_issues.0', message: 'Every word needs at least one letter or digit (A-Z, 0-9).' }]);
  });

  it('checks custom providers, including ids already taken by the catalog or another custom provider', () => {
    expect(errorsFor({ customProviders: [{ ...provider, id: 'stripe' }, provider, { ...provider, name: 'Acme Pay 2' }] })).toEqual([
      { path: 'customProviders.0.id', message: "The provider id 'stripe' is already taken: choose another." },
      { path: 'customProviders.2.id', message: "The provider id 'acme-pay' is already taken: choose another." },
    ]);
    expect(errorsFor({ customProviders: [{ ...provider, kind: 'bank', aliases: [], checklist: [] }] }).map((error) => error.path)).toEqual([
      'customProviders.0.kind',
      'customProviders.0.aliases',
      'customProviders.0.checklist',
    ]);
  });
});

describe('helpers', () => {
  it('hands the analysis settings to the core', () => {
    const config: AdminConfig = { ...DEFAULT_ADMIN_CONFIG, strategy: 'seed', threshold: 0.7, extraKeywords: { api_issues: ['graphql'] } };
    expect(toAnalysisConfig(config)).toEqual({ strategy: 'seed', threshold: 0.7, extraKeywords: { api_issues: ['graphql'] }, customProviders: [] });
  });

  it('enables every project when the list is empty, else only the listed ones', () => {
    expect(isProjectEnabled(DEFAULT_ADMIN_CONFIG, 'ANY')).toBe(true);
    expect(isProjectEnabled({ ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'] }, 'PAY')).toBe(true);
    expect(isProjectEnabled({ ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'] }, 'OPS')).toBe(false);
  });

  it('has a label suffix for every pattern', () => {
    expect(Object.keys(PATTERN_LABEL_SUFFIX).sort()).toEqual([...PATTERN_IDS].sort());
  });
});
