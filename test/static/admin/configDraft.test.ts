import { AdminConfigSchema, DEFAULT_ADMIN_CONFIG, type AdminConfig } from '../../../src/config/schema';
import { SaveConfigRequest, toFieldErrors } from '../../../src/contract';
import { errorsByField, fromDraft, toDraft } from '../../../static/src/admin/configDraft';

const CONFIGURED: AdminConfig = {
  ...DEFAULT_ADMIN_CONFIG,
  enabledProjects: ['PAY', 'OPS'],
  labelPrefix: 'ir-',
  removeOwnLabels: true,
  strategy: 'seed',
  threshold: 0.65,
  extraKeywords: { sync_issues: ['ledger', 'reconcil*'], webhook_issues: ['callback url'] },
  customProviders: [{ id: 'acme-pay', name: 'Acme Pay', kind: 'payments', aliases: ['Acme Pay', 'AcmePay'], checklist: ['Refunds settle', 'Webhooks signed'], fromSpec: false }],
};

test.each([
  ['the defaults', DEFAULT_ADMIN_CONFIG],
  ['a full configuration', CONFIGURED],
])('a form filled from %s gives the same configuration back', (_name, config) => {
  expect(AdminConfigSchema.parse(fromDraft(toDraft(config)))).toEqual(config);
});

test('lists are edited as text: project keys separated by commas or spaces, one keyword a line', () => {
  const draft = { ...toDraft(DEFAULT_ADMIN_CONFIG), enabledProjects: ' PAY,OPS  MULE ,', extraKeywords: { ...toDraft(DEFAULT_ADMIN_CONFIG).extraKeywords, api_issues: '\n graphql \n\nsoap api\n' } };
  const config = fromDraft(draft);
  expect(config.enabledProjects).toEqual(['PAY', 'OPS', 'MULE']);
  expect(config.extraKeywords).toEqual({ api_issues: ['graphql', 'soap api'] });
});

test('a threshold that is empty or not a number reaches the schema as one it refuses', () => {
  for (const threshold of ['', 'high']) {
    const result = SaveConfigRequest.safeParse(JSON.parse(JSON.stringify({ config: fromDraft({ ...toDraft(DEFAULT_ADMIN_CONFIG), threshold }) })));
    expect(result.success).toBe(false);
    expect(errorsByField(toFieldErrors(result.error!)).get('threshold')).toEqual(['The threshold is a number between 0 and 1.']);
  }
});

test('the resolver’s field errors land on the control that holds the value, naming the list item', () => {
  const draft = {
    ...toDraft(CONFIGURED),
    labelPrefix: 'has space-',
    enabledProjects: 'PAY, ops',
    extraKeywords: { ...toDraft(CONFIGURED).extraKeywords, sync_issues: 'ledger\nab*' },
    customProviders: [{ ...toDraft(CONFIGURED).customProviders[0]!, id: 'sendgrid', aliases: '' }],
  };
  const result = SaveConfigRequest.safeParse({ config: fromDraft(draft) });
  expect(result.success).toBe(false);
  const errors = errorsByField(toFieldErrors(result.error!));
  expect([...errors.keys()].sort()).toEqual(['customProviders.0.aliases', 'customProviders.0.id', 'enabledProjects', 'extraKeywords.sync_issues', 'labelPrefix']);
  expect(errors.get('enabledProjects')).toEqual([expect.stringMatching(/^Item 2: A project key starts with an uppercase letter/)]);
  expect(errors.get('extraKeywords.sync_issues')).toEqual([expect.stringMatching(/^Item 2: A wildcard needs at least 3 letters/)]);
  expect(errors.get('customProviders.0.id')).toEqual(["The provider id 'sendgrid' is already taken: choose another."]);
});

test('errors outside the configuration are left to the caller', () => {
  expect(errorsByField([{ path: 'issue.summary', message: 'Too long' }]).size).toBe(0);
  expect(errorsByField([{ path: 'issue.summary', message: 'Too long' }], 'issue.').get('summary')).toEqual(['Too long']);
});
