import type { JiraSimulatorOptions } from '../../../sim/jira';
import { manifestJira } from '../../support/appManifest';
import { paragraph } from '../../support/jiraFixtures';

/** An issue touching every pattern and four providers: 112 generated test cases. */
export const BUSY_INTEGRATION_ISSUE = {
  summary: 'Stripe payment webhooks and Salesforce sync fail after the REST API gateway upgrade',
  description:
    'Since the API gateway upgrade, Stripe webhook deliveries to our endpoint return 502 and retries pile up. The nightly Salesforce sync job ' +
    'then misses orders and the data is out of sync. SendGrid confirmation emails and Twilio SMS notifications are not sent either. The ' +
    'Datadog monitoring dashboard shows no alert, the health check stays green and the logs show OAuth token refresh errors and rate limit 429 responses.',
  components: ['REST API', 'Webhooks'],
};

/**
 * The manifest's Jira (fields, entity property) with the standard projects and users, and the
 * issues the browser tests look at: PAY-1 a busy integration issue, PAY-2 a UI bug with no
 * integration pattern, PAY-3 a plain webhook timeout.
 */
export function e2eJira(overrides: Partial<JiraSimulatorOptions> = {}): JiraSimulatorOptions {
  return manifestJira({
    issues: [
      { project: 'PAY', summary: BUSY_INTEGRATION_ISSUE.summary, description: paragraph(BUSY_INTEGRATION_ISSUE.description), components: BUSY_INTEGRATION_ISSUE.components },
      { project: 'PAY', summary: 'Refund button misaligned on the order page', description: paragraph('The button overlaps the total on narrow screens.'), labels: ['ui'] },
      { project: 'PAY', summary: 'Webhook deliveries time out', description: paragraph('Partner webhook deliveries time out after 30 seconds.'), labels: ['customer-reported'] },
    ],
    ...overrides,
  });
}
