/**
 * The spec's guidance sections, verbatim: "API Documentation Requirements", "Webhook Security
 * Checklist", "Test Environment Setup" and "Mock Service Implementation"
 * (docs/spec/integration-patterns.md). The push provider mock is ours; the spec has none.
 */
import type { GuidanceSection } from '../types';
import { deepFreeze } from './freeze';

export const API_DOCUMENTATION_REQUIREMENTS: GuidanceSection = deepFreeze<GuidanceSection>({
  id: 'api_documentation',
  title: 'API Documentation Requirements',
  items: [
    'Endpoint URL and HTTP methods',
    'Request/response payload schemas',
    'Authentication requirements',
    'Error code definitions',
    'Rate limiting policies',
    'SLA and performance benchmarks',
  ],
});

export const WEBHOOK_SECURITY_CHECKLIST: GuidanceSection = deepFreeze<GuidanceSection>({
  id: 'webhook_security',
  title: 'Webhook Security Checklist',
  items: [
    'Signature verification using shared secret',
    'HTTPS-only endpoint enforcement',
    'Request source IP validation',
    'Payload size limit enforcement',
    'Rate limiting on webhook endpoints',
    'Event replay attack prevention',
  ],
});

export const TEST_ENVIRONMENTS: readonly GuidanceSection[] = deepFreeze<GuidanceSection[]>([
  {
    id: 'sandbox_mode',
    title: 'Sandbox Mode',
    items: [
      'External services in test/sandbox mode',
      'Mock services for unavailable providers',
      'Test data isolation and cleanup',
      'Network simulation for latency testing',
    ],
  },
  {
    id: 'staging_integration',
    title: 'Staging Integration',
    items: [
      'Production-like external service configuration',
      'Real provider credentials (non-production)',
      'Full integration workflow testing',
      'Performance baseline establishment',
    ],
  },
]);

export const EMAIL_PROVIDER_MOCK: GuidanceSection = deepFreeze<GuidanceSection>({
  id: 'email_provider_mock',
  title: 'Email Provider Mock',
  items: [
    'Simulate delivery success/failure scenarios',
    'Mock webhook event generation',
    'Rate limiting simulation',
    'Error response simulation',
  ],
});

export const SMS_PROVIDER_MOCK: GuidanceSection = deepFreeze<GuidanceSection>({
  id: 'sms_provider_mock',
  title: 'SMS Provider Mock',
  items: [
    'International number validation simulation',
    'Delivery receipt generation',
    'Character encoding testing',
    'Carrier-specific behavior simulation',
  ],
});

/** Not in the spec: our counterpart of the email and SMS mocks for FCM / APNs style providers. */
export const PUSH_PROVIDER_MOCK: GuidanceSection = deepFreeze<GuidanceSection>({
  id: 'push_provider_mock',
  title: 'Push Provider Mock (Integration Radar addition, not in the spec)',
  items: [
    'Device token registration, refresh and invalidation simulation',
    'Delivery success and throttling response simulation',
    'Payload size limit enforcement',
    'Foreground and background notification payload simulation',
  ],
});
