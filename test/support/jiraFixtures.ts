import type { AdfDocument, JiraSimulatorOptions } from '../../sim/jira';

export const PATTERNS_MODULE = 'integration-patterns';
export const COMPLEXITY_MODULE = 'integration-complexity';
export const PROPERTY_KEY = 'integration-radar';

export const USERS = {
  editor: '5b10a2844c20165700ede21g',
  reader: '5b10ac8d82e05b22cc7d4ef5',
  outsider: '6a1f3c0e9d2b4a7f8e5c1d3b',
  admin: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
} as const;

/** Ticket summaries of every kind, integration work and not, for tests and benchmarks that need many issues. */
export const MIXED_SUMMARIES: readonly string[] = [
  'Webhook signature verification fails',
  'Stripe refunds API returns 500 on partial refunds',
  'Nightly sync job to the data warehouse loses records',
  'Set up Datadog alerts for the payments service',
  'Refund button is misaligned on small screens',
  'Twilio SMS delivery callbacks arrive twice',
  'Rename the settings page title',
  'REST API pagination returns duplicate items',
  'Salesforce contact sync conflicts overwrite newer data',
  'Update the copyright year in the footer',
];

export function paragraph(text: string): AdfDocument {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** Two projects (PAY with Labels on its edit screen, OPS without), four users, the app's two fields, a foreign field and three issues. */
export function standardJira(overrides: Partial<JiraSimulatorOptions> = {}): JiraSimulatorOptions {
  return {
    projects: [
      { key: 'PAY', name: 'Payments', components: ['REST API', 'Webhooks'] },
      { key: 'OPS', name: 'Operations', labelsOnEditScreen: false },
    ],
    users: [
      { accountId: USERS.editor, displayName: 'Edda Editor', projects: { PAY: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES'], OPS: ['BROWSE_PROJECTS'] } },
      { accountId: USERS.reader, displayName: 'Rea Reader', projects: { PAY: ['BROWSE_PROJECTS'] } },
      { accountId: USERS.outsider, displayName: 'Otto Outsider' },
      { accountId: USERS.admin, displayName: 'Ada Admin', administer: true, projects: { '*': ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS'] } },
    ],
    customFields: [
      { name: 'Integration patterns', type: 'string', collection: 'list', moduleKey: PATTERNS_MODULE },
      { name: 'Integration complexity', type: 'number', moduleKey: COMPLEXITY_MODULE },
      { name: 'Story Points', type: 'number' },
    ],
    entityProperties: [
      {
        propertyKey: PROPERTY_KEY,
        values: [
          { path: 'patterns', type: 'string', searchAlias: 'integrationPattern' },
          { path: 'complexity', type: 'number', searchAlias: 'integrationComplexity' },
        ],
      },
    ],
    issues: [
      {
        project: 'PAY',
        summary: 'Stripe webhook deliveries time out',
        description: paragraph('The webhook endpoint returns 504 after the API gateway timeout.'),
        labels: ['customer-reported'],
        components: ['Webhooks'],
        created: Date.UTC(2026, 0, 5),
      },
      { project: 'PAY', summary: 'Refund button misaligned', labels: ['ui'], created: Date.UTC(2026, 0, 6) },
      { project: 'OPS', summary: 'Nightly sync job fails', description: paragraph('Batch sync to the warehouse fails.'), created: Date.UTC(2026, 0, 7) },
    ],
    ...overrides,
  };
}
