/**
 * The five integration patterns of docs/spec/integration-patterns.md as data. Categories come
 * from "Integration Issue Categories", keywords, components and symptoms from each pattern's
 * "Pattern Identification" block and test groups from its "Test Case Generation Template",
 * all verbatim (test/analysis/catalog/catalog.test.ts checks them against the spec).
 *
 * Weights: api 1.0, external 0.9, sync 0.8 and webhook 0.9 are the spec's detector weights
 * ("Pattern Recognition Logic"). That detector has no monitoring pattern; we give it 0.8, the
 * same as sync, because its words ("metrics", "health", "logs", "alerts") are common in tickets
 * that are not about integrations at all.
 */
import type { PatternDefinition, PatternId } from '../types';
import { deepFreeze } from './freeze';

export const PATTERNS: readonly PatternDefinition[] = deepFreeze<PatternDefinition[]>([
  {
    id: 'api_issues',
    name: 'API Integration',
    categories: [
      'Endpoint failures and timeouts',
      'Request/response format problems',
      'Authentication and authorization failures',
      'Rate limiting and throttling issues',
    ],
    keywords: ['API', 'endpoint', 'request', 'response', 'timeout', 'connection'],
    components: ['REST API', 'GraphQL', 'microservices', 'gateway'],
    symptoms: [
      'API calls returning error responses',
      'Request timeout issues',
      'Authentication failures',
      'Malformed request/response data',
    ],
    weight: 1.0,
    testGroups: [
      {
        id: 'endpoint_functionality',
        priority: 'P0',
        category: 'Endpoint Functionality',
        lines: [
          'API endpoints respond with correct HTTP status codes',
          'Request payloads validated and processed correctly',
          'Response data format matches API specification',
          'Error responses include proper error codes and messages',
        ],
      },
      {
        id: 'authentication',
        priority: 'P0',
        category: 'Authentication',
        lines: [
          'API key authentication works correctly',
          'JWT token validation functions properly',
          'OAuth 2.0 flow completes successfully',
          'Unauthorized requests rejected with 401 status',
        ],
      },
      {
        id: 'performance',
        priority: 'P1',
        category: 'Performance',
        lines: [
          'API response times within SLA requirements (<200ms)',
          'Rate limiting enforced correctly',
          'Concurrent request handling validated',
          'Large payload processing works efficiently',
        ],
      },
      {
        id: 'error_handling',
        priority: 'P1',
        category: 'Error Handling',
        lines: [
          'Network timeout handling works gracefully',
          'Malformed request rejection with proper error codes',
          'Service unavailable scenarios handled correctly',
          'Retry mechanisms function as expected',
        ],
      },
    ],
  },
  {
    id: 'external_service_issues',
    name: 'External Service Integration',
    categories: [
      'Third-party service downtime',
      'Provider API changes',
      'Credential and configuration problems',
      'Service level agreement violations',
    ],
    keywords: ['external', 'provider', 'integration', 'third-party', 'service'],
    components: ['SendGrid', 'Twilio', 'FCM', 'APNS', 'webhooks'],
    symptoms: [
      'External service connectivity issues',
      'Provider API response errors',
      'Service degradation notifications',
      'Credential authentication failures',
    ],
    weight: 0.9,
    testGroups: [
      {
        id: 'service_connectivity',
        priority: 'P0',
        category: 'Service Connectivity',
        lines: [
          'External service endpoints accessible and responding',
          'Authentication credentials valid and working',
          'Service health checks passing consistently',
          'Network connectivity stable and reliable',
        ],
      },
      {
        id: 'data_exchange',
        priority: 'P0',
        category: 'Data Exchange',
        lines: [
          'Data sent to external service in correct format',
          'Responses from external service parsed correctly',
          'Error responses handled and logged appropriately',
          'Data transformation logic working accurately',
        ],
      },
      {
        id: 'resilience',
        priority: 'P1',
        category: 'Resilience',
        lines: [
          'Service downtime detected and handled gracefully',
          'Failover mechanisms activated when needed',
          'Circuit breaker patterns implemented and tested',
          'Backup service providers utilized correctly',
        ],
      },
      {
        id: 'monitoring',
        priority: 'P1',
        category: 'Monitoring',
        lines: [
          'Service availability monitored continuously',
          'Performance metrics tracked and alerted',
          'Error rates monitored and escalated',
          'SLA compliance measured and reported',
        ],
      },
    ],
  },
  {
    id: 'sync_issues',
    name: 'Data Synchronization',
    categories: [
      'Real-time data sync failures',
      'Batch processing problems',
      'Data consistency violations',
      'Conflict resolution errors',
    ],
    keywords: ['sync', 'synchronization', 'data', 'consistency', 'conflict'],
    components: ['database', 'cache', 'real-time', 'batch'],
    symptoms: [
      'Data inconsistency between systems',
      'Sync process failures or delays',
      'Conflict resolution errors',
      'Performance degradation during sync',
    ],
    weight: 0.8,
    testGroups: [
      {
        id: 'real_time_sync',
        priority: 'P0',
        category: 'Real Time Sync',
        lines: [
          'Real-time data changes propagated immediately',
          'Sync conflicts detected and resolved correctly',
          'Data integrity maintained during sync operations',
          'Rollback mechanisms work for failed syncs',
        ],
      },
      {
        id: 'batch_processing',
        priority: 'P0',
        category: 'Batch Processing',
        lines: [
          'Batch sync jobs complete within expected timeframes',
          'Large dataset synchronization handles memory efficiently',
          'Failed batch items logged and retried appropriately',
          'Incremental sync processes work correctly',
        ],
      },
      {
        id: 'conflict_resolution',
        priority: 'P1',
        category: 'Conflict Resolution',
        lines: [
          'Last-write-wins conflict resolution functions',
          'Custom conflict resolution rules applied correctly',
          'Conflict notification and escalation processes',
          'Manual conflict resolution interfaces functional',
        ],
      },
      {
        id: 'performance',
        priority: 'P1',
        category: 'Performance',
        lines: [
          "Sync operations don't impact system performance",
          'Parallel sync processes managed correctly',
          'Resource usage monitored and optimized',
          'Sync queue management prevents bottlenecks',
        ],
      },
    ],
  },
  {
    id: 'webhook_issues',
    name: 'Webhook Integration',
    categories: [
      'Webhook delivery failures',
      'Payload format inconsistencies',
      'Security verification problems',
      'Retry mechanism failures',
    ],
    keywords: ['webhook', 'callback', 'event', 'notification', 'delivery'],
    components: ['HTTP endpoints', 'payload', 'signatures', 'retry'],
    symptoms: [
      'Webhook delivery failures',
      'Payload processing errors',
      'Security verification issues',
      'Event processing delays',
    ],
    weight: 0.9,
    testGroups: [
      {
        id: 'delivery',
        priority: 'P0',
        category: 'Delivery',
        lines: [
          'Webhook endpoints receive events successfully',
          'Event payloads formatted correctly and completely',
          'Delivery attempts logged with timestamps',
          'Failed deliveries trigger retry mechanisms',
        ],
      },
      {
        id: 'security',
        priority: 'P0',
        category: 'Security',
        lines: [
          'Webhook signatures verified correctly',
          'HTTPS enforcement for webhook endpoints',
          'IP whitelist validation if configured',
          'Payload tampering detection working',
        ],
      },
      {
        id: 'event_processing',
        priority: 'P1',
        category: 'Event Processing',
        lines: [
          'Event types processed according to business logic',
          'Event deduplication prevents duplicate processing',
          'Event ordering maintained when required',
          'Event acknowledgment sent back correctly',
        ],
      },
      {
        id: 'reliability',
        priority: 'P1',
        category: 'Reliability',
        lines: [
          'Retry attempts follow exponential backoff',
          'Maximum retry attempts respected',
          'Dead letter queue for permanently failed events',
          'Webhook endpoint health monitoring active',
        ],
      },
    ],
  },
  {
    id: 'monitoring_issues',
    name: 'Integration Monitoring',
    categories: [],
    keywords: ['monitoring', 'alerting', 'metrics', 'health', 'SLA'],
    components: ['dashboards', 'alerts', 'logs', 'metrics'],
    symptoms: [
      'Missing integration health visibility',
      'Alert fatigue from false positives',
      'Delayed incident detection',
      'Insufficient performance metrics',
    ],
    weight: 0.8,
    testGroups: [
      {
        id: 'health_checks',
        priority: 'P0',
        category: 'Health Checks',
        lines: [
          'Integration health status visible on dashboards',
          'Critical failure alerts trigger immediately',
          'Health check endpoints respond correctly',
          'Service dependency mapping accurate',
        ],
      },
      {
        id: 'performance_monitoring',
        priority: 'P0',
        category: 'Performance Monitoring',
        lines: [
          'Response time metrics tracked continuously',
          'Throughput measurements accurate and timely',
          'Error rate monitoring and alerting functional',
          'Resource usage tracking operational',
        ],
      },
      {
        id: 'alerting',
        priority: 'P1',
        category: 'Alerting',
        lines: [
          'Alert thresholds configured appropriately',
          'Alert escalation procedures functional',
          'Alert fatigue minimized through smart grouping',
          'Alert acknowledgment and resolution tracking',
        ],
      },
      {
        id: 'observability',
        priority: 'P1',
        category: 'Observability',
        lines: [
          'Distributed tracing across integrations working',
          'Log correlation between systems functional',
          'Business impact metrics tracked and reported',
          'Historical trend analysis available',
        ],
      },
    ],
  },
]);

export function patternById(id: PatternId): PatternDefinition {
  const pattern = PATTERNS.find((candidate) => candidate.id === id);
  if (!pattern) throw new Error(`No pattern "${id}" in the catalog`);
  return pattern;
}
