/**
 * Third-party providers and what to test for each. SendGrid, Mailgun, Twilio and Nexmo carry the
 * spec's "Provider-Specific Testing" checklists verbatim (`fromSpec: true`); the others are ours,
 * written from each provider's documentation (pages cited per entry).
 *
 * Aliases are matched case-insensitively on word boundaries, so each must name the provider and
 * nothing else in ordinary ticket prose:
 * - "stripe" and "slack" stand alone: as English words they are rare in engineering tickets, and
 *   tickets almost always name these products without a qualifier.
 * - "teams" alone is everyday English ("both teams"), so Microsoft Teams needs its qualifier.
 * - "ses" and "sns" alone are left out: "ses" is a French possessive and both are unrelated
 *   abbreviations elsewhere; tickets that mean the AWS services say "AWS SES", "Amazon SNS"...
 * - "s3" alone is left out: Jira projects often use S1-S4 for severity ("S3 bug").
 * - "sqs" alone is kept: it has no other common meaning.
 * - Plural forms are listed where tickets use them, since word-boundary matching does not stem.
 */
import type { ProviderDefinition } from '../types';
import { deepFreeze } from './freeze';

export const PROVIDERS: readonly ProviderDefinition[] = deepFreeze<ProviderDefinition[]>([
  {
    id: 'sendgrid',
    name: 'SendGrid',
    kind: 'email',
    aliases: ['sendgrid'],
    checklist: [
      'API key validation and rotation',
      'Template processing and personalization',
      'Bounce and complaint handling',
      'Webhook event processing',
    ],
    fromSpec: true,
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    kind: 'email',
    aliases: ['mailgun'],
    checklist: [
      'Domain verification and validation',
      'Email validation service integration',
      'Delivery analytics and reporting',
      'Spam filter configuration',
    ],
    fromSpec: true,
  },
  {
    id: 'twilio',
    name: 'Twilio',
    kind: 'sms',
    aliases: ['twilio'],
    checklist: [
      'Phone number validation and formatting',
      'Message delivery confirmation',
      'Character encoding handling',
      'Delivery receipt processing',
    ],
    fromSpec: true,
  },
  {
    id: 'nexmo',
    name: 'Nexmo (Vonage)',
    kind: 'sms',
    aliases: ['nexmo', 'vonage'],
    checklist: [
      'International routing capabilities',
      'Sender ID configuration',
      'Delivery report webhook handling',
      'Two-way messaging support',
    ],
    fromSpec: true,
  },
  // https://firebase.google.com/docs/cloud-messaging/migrate-v1 (legacy API shutdown),
  // https://firebase.google.com/docs/cloud-messaging/error-codes, .../concept-options (payload size)
  {
    id: 'fcm',
    name: 'Firebase Cloud Messaging',
    kind: 'push',
    aliases: ['fcm', 'firebase cloud messaging', 'firebase messaging', 'gcm', 'google cloud messaging'],
    checklist: [
      'Sends use the FCM HTTP v1 API with OAuth 2.0 service-account tokens, not the retired legacy server key',
      'Registration tokens refreshed on the client and removed server-side when FCM answers UNREGISTERED',
      'Notification and data messages handled with the app in foreground, background and terminated',
      'Message payloads stay within the 4 KB limit',
      'Topic and condition targeting reaches exactly the intended devices',
      'QUOTA_EXCEEDED (429) and UNAVAILABLE (503) errors retried with exponential backoff',
    ],
    fromSpec: false,
  },
  // https://developer.apple.com/documentation/usernotifications/establishing-a-token-based-connection-to-apns,
  // .../sending-notification-requests-to-apns, .../handling-notification-responses-from-apns
  {
    id: 'apns',
    name: 'Apple Push Notification service',
    kind: 'push',
    aliases: ['apns', 'apple push notification', 'apple push notifications'],
    checklist: [
      'Provider JWT (.p8 signing key) regenerated at most every 20 and at least every 60 minutes, or the TLS certificate valid and not about to expire',
      'Development builds use api.sandbox.push.apple.com and production builds api.push.apple.com',
      'apns-topic header carries the bundle ID and apns-push-type matches the payload (alert, background, voip)',
      'Device tokens answered with 410 Unregistered or 400 BadDeviceToken removed from the send list',
      'Payloads stay within 4 KB (5 KB for VoIP notifications)',
    ],
    fromSpec: false,
  },
  // https://docs.stripe.com/api/idempotent_requests, https://docs.stripe.com/webhooks (signatures),
  // https://docs.stripe.com/api/versioning, https://docs.stripe.com/payments/3d-secure
  {
    id: 'stripe',
    name: 'Stripe',
    kind: 'payments',
    aliases: ['stripe'],
    checklist: [
      'Idempotency-Key header sent on every POST so retried requests never charge twice',
      'Webhook events verified from the Stripe-Signature header with the endpoint signing secret and timestamp tolerance',
      'API version pinned and webhook endpoint versions match before an upgrade',
      'Test-mode keys (sk_test_) used outside production and live keys (sk_live_) only in production',
      '3-D Secure / SCA flows (PaymentIntent status requires_action) completed, failed and abandoned',
      'Declines and card errors mapped to user-facing messages, exercised with Stripe test cards',
    ],
    fromSpec: false,
  },
  // https://api.slack.com/authentication/verifying-requests-from-slack, https://api.slack.com/apis/rate-limits,
  // https://api.slack.com/apis/events-api (3-second acknowledgement, url_verification)
  {
    id: 'slack',
    name: 'Slack',
    kind: 'chat',
    aliases: ['slack'],
    checklist: [
      'Requests verified with the signing secret (X-Slack-Signature) and X-Slack-Request-Timestamp no older than five minutes',
      'Bot token scopes cover every API method called; missing_scope errors reported',
      'HTTP 429 responses honour the Retry-After header',
      'Events API url_verification challenge answered and events acknowledged within 3 seconds',
      'Message text escapes &, < and > and Block Kit layouts render as intended',
    ],
    fromSpec: false,
  },
  // https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html, .../request-production-access.html,
  // .../send-email-authentication.html, .../monitor-sending-activity.html, .../manage-sending-quotas.html
  {
    id: 'aws_ses',
    name: 'Amazon SES',
    kind: 'email',
    aliases: ['aws ses', 'amazon ses', 'simple email service'],
    checklist: [
      'Sending domains and addresses verified as identities in every AWS Region used',
      'Account moved out of the SES sandbox before production sending',
      'DKIM, SPF and DMARC records published for the sending domain',
      'Bounce and complaint notifications processed and the suppression list honoured',
      'Sending quota and maximum send rate respected, throttling errors retried with backoff',
    ],
    fromSpec: false,
  },
  // https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html,
  // .../sns-verify-signature-of-message.html, .../sns-message-filtering.html, .../sns-dead-letter-queues.html
  {
    id: 'aws_sns',
    name: 'Amazon SNS',
    kind: 'cloud',
    aliases: ['aws sns', 'amazon sns', 'simple notification service'],
    checklist: [
      'HTTP/S subscriptions confirmed from the SubscriptionConfirmation message',
      'Message signatures verified with the certificate from SigningCertURL, fetched only from an amazonaws.com host',
      'Subscription filter policies deliver only the intended messages',
      'Delivery retry policy and dead-letter queue configured for failed deliveries',
      'FIFO topics keep order per message group and drop duplicates',
    ],
    fromSpec: false,
  },
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html,
  // .../sqs-dead-letter-queues.html, .../FIFO-queues-exactly-once-processing.html, .../sqs-short-and-long-polling.html
  {
    id: 'aws_sqs',
    name: 'Amazon SQS',
    kind: 'cloud',
    aliases: ['aws sqs', 'amazon sqs', 'simple queue service', 'sqs'],
    checklist: [
      'Visibility timeout longer than the longest processing time, messages deleted only after success',
      'Consumers idempotent, since standard queues deliver at least once and out of order',
      'Dead-letter queue configured with a redrive policy (maxReceiveCount) and monitored',
      'FIFO queues set MessageGroupId and deduplicate within the 5-minute deduplication interval',
      'Long polling (WaitTimeSeconds) used to avoid empty receives',
    ],
    fromSpec: false,
  },
  // https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm,
  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/ (Bulk API 2.0)
  {
    id: 'salesforce',
    name: 'Salesforce',
    kind: 'crm',
    aliases: ['salesforce', 'sfdc'],
    checklist: [
      'OAuth 2.0 flow of the connected app obtains and refreshes access tokens',
      'Daily API request limit monitored and REQUEST_LIMIT_EXCEEDED handled',
      'API version pinned in the endpoint path (/services/data/vXX.X/)',
      'Bulk API 2.0 jobs report failed records, which are retried or reported',
      'Integration user has field-level security and sharing access to every mapped field',
      'Sandboxes authenticate at test.salesforce.com, production at login.salesforce.com',
    ],
    fromSpec: false,
  },
  // https://developer.paypal.com/api/rest/reference/idempotency/, https://developer.paypal.com/api/rest/sandbox/,
  // https://developer.paypal.com/api/webhooks/v1/#verify-webhook-signature_post, https://developer.paypal.com/docs/api/orders/v2/
  {
    id: 'paypal',
    name: 'PayPal',
    kind: 'payments',
    aliases: ['paypal'],
    checklist: [
      'Sandbox (api-m.sandbox.paypal.com) and live (api-m.paypal.com) endpoints and credentials kept apart',
      'OAuth 2.0 access tokens cached and renewed before they expire',
      'PayPal-Request-Id header sent so retried create and capture calls are idempotent',
      'Webhook events verified with the verify-webhook-signature API or the PAYPAL-TRANSMISSION-SIG certificate check',
      'Order states (CREATED, APPROVED, COMPLETED) handled, including a buyer who cancels on the approval page',
    ],
    fromSpec: false,
  },
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ (ShareObjectPreSignedURL, mpuoverview,
  // serv-side-encryption, access-control-block-public-access, cors)
  {
    id: 'aws_s3',
    name: 'Amazon S3',
    kind: 'cloud',
    aliases: ['amazon s3', 'aws s3', 's3 bucket', 's3 buckets', 'simple storage service'],
    checklist: [
      'IAM policy grants only the buckets and actions the integration needs',
      'Presigned URLs expire when intended and are rejected afterwards',
      'Large objects use multipart upload and incomplete uploads are aborted by a lifecycle rule',
      'Server-side encryption (SSE-S3 or SSE-KMS) applied to every object written',
      'Block Public Access stays enabled unless objects must be public',
      'CORS rules allow only the application origins that upload from the browser',
    ],
    fromSpec: false,
  },
  // https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook,
  // https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication,
  // https://learn.microsoft.com/graph/throttling
  {
    id: 'microsoft_teams',
    name: 'Microsoft Teams',
    kind: 'chat',
    aliases: ['microsoft teams', 'ms teams', 'msteams'],
    checklist: [
      'Incoming webhook or Workflows URL stored as a secret and rotated when exposed',
      'Adaptive Card payloads render in the desktop, web and mobile Teams clients',
      'Bot Framework activities authenticated by validating the JWT bearer token',
      'Microsoft Graph permissions granted and admin-consented in the target tenant',
      'Throttled requests (HTTP 429) retried after the Retry-After interval',
    ],
    fromSpec: false,
  },
]);

export function providerById(id: string): ProviderDefinition | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}
