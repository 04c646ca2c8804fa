import type { PhraseSpec } from './phraseMatcher';
import type { PatternId } from '../types';

/**
 * The default strategy's vocabulary: for each pattern, the phrases that make a ticket about
 * that kind of integration, with a weight for how much one mention in prose says.
 *
 * Built from the spec's keywords, components and symptoms and from the labelling rubric's
 * definition of each pattern, then checked against real tickets (see README, "Accuracy").
 * Rules of thumb for weights (a pattern fires at a summed score of about 0.7, a summary
 * mention counts 1.7x):
 * - 1.0+  unambiguous on its own ("webhook", "REST API", "replication lag", "health check");
 * - 0.5-0.8 strong but with everyday or programming senses ("endpoint", "metrics", "sync");
 * - 0.1-0.4 only supporting evidence ("request", "timeout", "provider", "alert").
 * `role: 'component'` marks technology and product names (the spec's "components").
 */
export interface LexiconEntry extends PhraseSpec {
  pattern: PatternId;
  weight: number;
  role: 'keyword' | 'component';
  /**
   * Patterns that explain this evidence away: a webhook or a health check is reached over
   * HTTP, so "HTTP", "request" or "endpoint" in a ticket about one says nothing more. When such
   * a pattern fires more strongly, the term counts EXPLAINED_SHARE of its weight.
   */
  explainedBy?: PatternId[];
  /** Share of the weight a mention inside code keeps, where it differs from KIND_WEIGHTS.code (a `curl` call is code by nature). */
  codeShare?: number;
}

type Entry = Omit<LexiconEntry, 'pattern' | 'role'> & { role?: LexiconEntry['role'] };

const HTTP_CARRIED: PatternId[] = ['webhook_issues', 'monitoring_issues'];

const PROGRAMMING_LANGUAGES = ['java', 'c', 'cpp', 'python', 'javascript', 'js', 'scala', 'ruby', 'php', 'groovy', 'swift', 'objective', 'net'];

const api: Entry[] = [
  { term: 'REST API', phrases: ['rest api|apis|endpoint|endpoints|service|services|call|calls|interface|resource|resources|client|tier|layer|module|participant*|request*|url|uri', 'restful', 'rest-api'], weight: 1.1 },
  { term: 'REST', caseSensitive: true, phrases: ['REST'], weight: 0.6, role: 'component' },
  { term: 'HTTP endpoint', phrases: ['http|https endpoint*|connector*|requester|request*|response*|client*|api|apis|call*|server|listener|transport|status|header*|method*|verb*|module|proxy|proxies|error*|code*|outbound|inbound', 'httpclient', 'httprequest', 'apshttprequest'], weight: 0.9, role: 'component' , explainedBy: HTTP_CARRIED },
  { term: 'HTTP', phrases: ['http|https'], weight: 0.3, role: 'component' , explainedBy: HTTP_CARRIED },
  { term: 'endpoint', phrases: ['endpoint*', 'end point*'], weight: 0.6 , explainedBy: HTTP_CARRIED },
  { term: 'API', phrases: ['api|apis'], weight: 0.35, notAfterWords: PROGRAMMING_LANGUAGES, notBeforeWords: ['doc', 'docs', 'documentation', 'reference', 'level'] , explainedBy: HTTP_CARRIED },
  { term: 'API call', phrases: ['api call*|request*|response*|key*|token*|version*|limit*|error*|endpoint*|gateway*|login|fetch*|client*|server*|integration*|access|url*|consumer*|provider*|method*'], weight: 0.7 },
  { term: 'web service', phrases: ['web service*', 'webservice*', 'ws consumer*', 'ws provider*', 'ws client*'], weight: 1.0, role: 'component' },
  { term: 'SOAP', phrases: ['soap', 'wsdl*', 'ws security', 'ws addressing', 'ws policy'], weight: 1.0, role: 'component' },
  { term: 'GraphQL', phrases: ['graphql'], weight: 1.1, role: 'component' },
  { term: 'RPC', phrases: ['rpc', 'grpc', 'json rpc', 'xml rpc', 'jsonrpc', 'xmlrpc', 'thrift'], weight: 0.8, role: 'component' },
  { term: 'gateway', phrases: ['api gateway*', 'gateway timeout', 'bad gateway'], weight: 0.9, role: 'component' },
  { term: 'microservice', phrases: ['microservice*', 'micro service*'], weight: 0.6, role: 'component' },
  { term: 'request', phrases: ['request*'], weight: 0.15 , explainedBy: HTTP_CARRIED },
  { term: 'response', phrases: ['response*'], weight: 0.2 , explainedBy: HTTP_CARRIED },
  { term: 'request payload', phrases: ['request|response body|bodies|payload*|header*|headers|code*|format*|schema*|status*|time*|timeout*'], weight: 0.5 , explainedBy: HTTP_CARRIED },
  { term: 'status code', phrases: ['status code*', 'http status', 'unauthorized', 'unauthorised', 'forbidden', '401', '403', '429', '502', '503', '504', 'service unavailable', 'too many request*'], weight: 0.55 , explainedBy: HTTP_CARRIED },
  { term: 'timeout', phrases: ['timeout*', 'time out*', 'timed out', 'timing out', 'read timeout', 'connect timeout', 'connection timeout'], weight: 0.3 , explainedBy: HTTP_CARRIED },
  { term: 'connection refused', phrases: ['connection refused', 'connection reset', 'socket timeout', 'sockettimeout*', 'keep alive', 'keepalive'], weight: 0.4 , explainedBy: HTTP_CARRIED },
  { term: 'authentication', phrases: ['oauth*', 'jwt', 'bearer token*', 'access token*', 'basic auth*', 'client secret*', 'client id', 'client credential*', 'api key*', 'apikey*', 'authorization header', 'auth endpoint*', 'auth url'], weight: 0.7 },
  { term: 'authorization', phrases: ['authenticat*', 'authoriz*', 'auth'], weight: 0.25 , explainedBy: HTTP_CARRIED },
  { term: 'rate limiting', phrases: ['rate limit*', 'ratelimit*', 'rate limited', 'throttl*', 'retry after'], weight: 0.8 },
  { term: 'proxy', phrases: ['proxy', 'proxies', 'reverse proxy'], weight: 0.3 , explainedBy: HTTP_CARRIED },
  { term: 'HTTP framework', phrases: ['cxf', 'jersey', 'jax rs', 'jaxrs', 'jax ws', 'jaxws', 'axios', 'okhttp', 'retrofit', 'resttemplate', 'rest template', 'feign', 'apikit', 'raml', 'swagger', 'openapi', 'open api'], weight: 0.7, role: 'component' },
  { term: 'HTTP method', caseSensitive: true, phrases: ['GET|POST|PUT|PATCH|DELETE'], weight: 0.3, explainedBy: HTTP_CARRIED },
  { term: 'curl', phrases: ['curl'], weight: 1.0, codeShare: 1 , explainedBy: HTTP_CARRIED },
];

const external: Entry[] = [
  { term: 'third-party', phrases: ['third party', '3rd party', 'thirdparty'], weight: 0.9 },
  { term: 'external service', phrases: ['external service*|system*|provider*|api|apis|server*|endpoint*|vendor*|partner*|platform*|dependenc*|integration*', 'remote service*|system*|server*|host*|endpoint*', 'service provider*', 'upstream service*|provider*|api|apis'], weight: 0.9 },
  { term: 'provider', phrases: ['provider*'], weight: 0.35 },
  { term: 'integration', phrases: ['integration with|to|for', 'integrate with|to', 'integrating with', 'integrated with'], weight: 0.35 },
  { term: 'connector', phrases: ['connector*'], weight: 0.6, role: 'component', notAfterWords: ['http', 'rest', 'soap', 'ws', 'web'] },
  { term: 'SaaS platform', phrases: ['shopify', 'bitbucket', 'github webhook*|app|apps|api|hook*|event*', 'x hub signature*', 'google map*', 'sap', 'netsuite', 'hubspot', 'zendesk', 'mailchimp', 'servicenow', 'workday', 'dynamics 365', 'quickbooks', 'xero', 'docusign', 'auth0', 'okta', 'keycloak', 'dropbox', 'box com', 'google drive', 'onedrive', 'sharepoint', 'cloudflare', 'twitter api', 'facebook api', 'graph api'], weight: 1.0, role: 'component' },
  { term: 'credentials', phrases: ['credential*', 'secret key*', 'access key*', 'service account*'], weight: 0.3 },
  { term: 'push notification', phrases: ['push notification*', 'push message*', 'device token*', 'registration token*', 'baddevicetoken', 'notregistered', 'push service*'], weight: 0.8 },
  { term: 'downtime', phrases: ['downtime', 'outage*', 'service is down', 'service was down'], weight: 0.3 },
  { term: 'SLA', phrases: ['sla', 'slas', 'service level agreement*'], weight: 0.3 },
  { term: 'message broker', phrases: ['activemq', 'rabbitmq', 'rabbit mq', 'kafka', 'jms', 'mqtt', 'amqp', 'message broker*', 'ibm mq', 'websphere mq', 'tibco', 'zeromq'], weight: 0.8, role: 'component' },
  { term: 'FTP', phrases: ['ftp', 'sftp', 'ftps', 'smtp', 'imap', 'pop3', 'ldap', 'active directory', 'kerberos', 'saml'], weight: 0.8, role: 'component' },
  { term: 'HDFS', phrases: ['hdfs', 'hadoop', 's3', 'gcs'], weight: 0.45, role: 'component' },
  { term: 'AWS', phrases: ['aws', 's3 bucket*', 'lambda function*'], weight: 0.6, role: 'component' },
  { term: 'AWS messaging', phrases: ['sns', 'sqs', 'kinesis', 'eventbridge', 'pinpoint'], weight: 1.0, role: 'component' },
  { term: 'external store', phrases: ['oracle', 'rds', 'dynamodb', 'mongodb', 'elasticsearch', 'cloudhub', 'azure', 'cloud storage'], weight: 0.7, role: 'component' },
];

const sync: Entry[] = [
  { term: 'sync', phrases: ['sync', 'synced', 'syncing', 'synch', 'resync*', 'synchroniz*', 'out of sync', 'in sync'], weight: 0.85, notBeforeWords: ['branch', 'fork', 'upstream', 'meeting', 'up'] },
  { term: 'replication', phrases: ['replicat*', 'replica', 'read replica*', 'mirroring', 'duplicat* on demand|change', 'duplication'], weight: 0.95 },
  { term: 'replication lag', phrases: ['replication lag', 'sync lag', 'stale read*', 'stale data', 'read repair', 'eventual consistency', 'eventually consistent'], weight: 1.1 },
  { term: 'consistency', phrases: ['data consistency', 'data inconsisten*', 'consistency between|across|check*', 'inconsisten* between|across', 'consistent across|between', 'data integrity', 'bit integrity', 'integrity check*'], weight: 0.8 },
  { term: 'conflict', phrases: ['conflict*'], weight: 0.35, notAfterWords: ['merge', 'dependency', 'version', 'name', 'naming', 'port', 'class', 'jar', 'library'] },
  { term: 'data import', phrases: ['import|export data|record*|entit*|collection*|content*|user*|job*|service*|file*', 'data import|export|migration|transfer|load*|pipeline*|feed*', 'bulk import|export|load', 'remote file*', 'file transfer*', 'etl', 'batch job*|import*|export*|load*|sync*|process*', 'ingest*'], weight: 0.6 },
  { term: 'propagation', phrases: ['propagat*'], weight: 0.45, notBeforeWords: ['context'] },
  { term: 'lost records', phrases: ['lost message*|record*|update*|event*|data|write*', 'duplicate message*|record*|entr*|event*|row*', 'missing record*|message*|data', 'message loss', 'data loss'], weight: 0.6 },
  { term: 'distributed transaction', phrases: ['xa transaction*', 'xa resource*', 'distributed transaction*', 'two phase commit', '2pc'], weight: 1.0, role: 'component' },
  { term: 'cache', phrases: ['cache invalidat*|coheren*|consisten*|sync*|stale'], weight: 0.9, role: 'component' },
  { term: 'real-time', phrases: ['real time sync*|data|update*|replicat*'], weight: 0.6, role: 'component' },
  { term: 'import', phrases: ['import*', 'export*'], weight: 0.15 },
];

const webhook: Entry[] = [
  { term: 'webhook', phrases: ['webhook*', 'web hook*', 'hook url*', 'http callback*'], weight: 1.3 },
  { term: 'callback', phrases: ['callback url*|uri*|endpoint*|request*|server*|event*|status', 'status callback*', 'statuscallback*', 'callbackurl*'], weight: 1.0 },
  { term: 'callback', phrases: ['callback*', 'call back'], weight: 0.3, notAfterWords: ['javascript', 'js', 'function'] },
  { term: 'event delivery', phrases: ['event delivery|deliveries|subscription*|notification*|payload*|webhook*|callback*|push*|listener*', 'push event*', 'events api', 'event api', 'event request', 'delivery attempt*', 'redeliver*', 're deliver*', 'delivery failure*', 'failed deliver*'], weight: 0.7 },
  { term: 'subscription', phrases: ['subscription*', 'subscribe*'], weight: 0.3 },
  { term: 'notification', phrases: ['notification*', 'notify*'], weight: 0.2 },
  { term: 'signature verification', phrases: ['signature verification|validation|mismatch|header*', 'verify|validate|verifying|validating signature*', 'hmac', 'x hub signature*', 'signing secret*', 'webhook secret*', 'invalid signature*', 'signature* invalid|mismatch|not match|does not match'], weight: 0.9, role: 'component' },
  { term: 'signature', phrases: ['signature*'], weight: 0.25, role: 'component' },
  { term: 'postback', phrases: ['ipn', 'postback*', 'url verification', 'url_verification', 'request url'], weight: 0.7 },
  { term: 'idempotency', phrases: ['idempoten*', 'deduplicat*', 'de duplicat*'], weight: 0.35 },
  { term: 'publish/subscribe', phrases: ['pub sub', 'pubsub', 'publish subscribe', 'topic subscription*'], weight: 0.5 },
];

const monitoring: Entry[] = [
  { term: 'monitoring', phrases: ['monitoring', 'observability', 'telemetry', 'apm'], weight: 0.9 },
  { term: 'monitor', phrases: ['monitor', 'monitored', 'monitors'], weight: 0.45, notBeforeWords: ['resolution', 'size'] },
  { term: 'metrics', phrases: ['metric*'], weight: 0.8 },
  { term: 'health check', phrases: ['health check*', 'healthcheck*', 'health endpoint*', 'health status', 'liveness', 'readiness', 'heartbeat*', 'uptime', 'status page'], weight: 1.0 },
  { term: 'alerting', phrases: ['alerting', 'alert rule*', 'alert threshold*', 'false alert*', 'false alarm*', 'down alert*', 'downtime alert*', 'outage alert*', 'alarm*', 'on call', 'pager*'], weight: 0.9 },
  { term: 'alert', phrases: ['alert', 'alerts', 'alerted'], weight: 0.3, notBeforeWords: ['dialog', 'box', 'message', 'window'] },
  { term: 'dashboard', phrases: ['dashboard*'], weight: 0.3 },
  { term: 'logging', phrases: ['logging', 'event log*', 'log aggregation', 'audit log*', 'structured log*'], weight: 0.5 },
  { term: 'tracing', phrases: ['distributed tracing', 'tracing', 'correlation id*', 'log correlation', 'request id*', 'span context', 'trace context', 'trace id*', 'opentracing', 'opentelemetry', 'zipkin', 'jaeger'], weight: 0.9, notAfterWords: ['stack'] },
  { term: 'monitoring tool', phrases: ['prometheus', 'grafana', 'datadog', 'new relic', 'newrelic', 'nagios', 'zabbix', 'icinga', 'honeybadger', 'sentry', 'pagerduty', 'alertmanager', 'checkmk', 'pingdom', 'statsd', 'graphite', 'kibana', 'splunk', 'cloudwatch', 'stackdriver', 'appdynamics', 'dynatrace', 'jmx', 'mbean*', 'exporter*'], weight: 1.0, role: 'component' },
  { term: 'latency', phrases: ['latency', 'latencies', 'response time*', 'error rate*', 'throughput metric*', 'message rate*'], weight: 0.35 },
  { term: 'statistics', phrases: ['statistic*', 'stats', 'gauge*', 'counter*'], weight: 0.2 },
];

function withPattern(pattern: PatternId, entries: Entry[]): LexiconEntry[] {
  return entries.map((e) => ({ ...e, pattern, role: e.role ?? 'keyword' }));
}

export const DEFAULT_LEXICON: readonly LexiconEntry[] = [
  ...withPattern('api_issues', api),
  ...withPattern('external_service_issues', external),
  ...withPattern('sync_issues', sync),
  ...withPattern('webhook_issues', webhook),
  ...withPattern('monitoring_issues', monitoring),
];

/**
 * Summaries that say the ticket is about something other than integration behaviour even when
 * it names an integration (typings of an SDK, a broken documentation link, a typo): when the
 * summary matches one, every pattern's score is scaled by OFF_TOPIC_SHARE (defaultStrategy).
 */
export const OFF_TOPIC_SUBJECTS: readonly PhraseSpec[] = [
  { term: 'type definitions', phrases: ['missing type|types', 'type definition*', 'type declaration*', 'typings', 'typescript definition*', 'typescript type*'] },
  { term: 'user interface', phrases: ['dark mode', 'light mode', 'css', 'styling', 'overlap*', 'misaligned', 'alignment', 'font size*', 'tooltip*', 'layout', 'legend'] },
  { term: 'documentation link', phrases: ['broken link*', 'dead link*', 'fix link*', 'fix * link*', 'typo*', 'spelling'] },
];
