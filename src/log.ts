/**
 * Structured logs: one JSON object per line, which the Forge log viewer and `forge logs` show as
 * is. The fields are typed so that no ticket text can be logged by accident: ids, keys, decisions,
 * counts and Jira's error details only, never a summary, description, label text or account id.
 */
export interface LogFields {
  /** What happened, e.g. `issue-event`, `config-invalid`. */
  event: string;
  issueId?: string;
  issueKey?: string;
  eventType?: string;
  /** The outcome, e.g. `written`, `unchanged`, `skipped-irrelevant-change`. */
  decision?: string;
  moduleKey?: string;
  functionKey?: string;
  patterns?: number;
  complexity?: number;
  fieldWrites?: number;
  labelsAdded?: number;
  labelsRemoved?: number;
  retryAfterSeconds?: number;
  retryReason?: string;
  retryCount?: number;
  /** Backfill: the job, the chain and its tick, and what the tick did. */
  jobId?: string;
  chain?: number;
  generation?: number;
  seq?: number;
  delaySeconds?: number;
  callsUsed?: number;
  done?: number;
  skipped?: number;
  failed?: number;
  /** A Key-Value Store key (the app's own, never ticket text). */
  storageKey?: string;
  /** Paths of invalid input (`labelPrefix`, `issue.id`), never the values. */
  invalidPaths?: string[];
  error?: { name: string; operation?: string; status?: number; jiraMessages?: string[] };
}

export type LogLevel = 'info' | 'warn' | 'error';

export function log(level: LogLevel, fields: LogFields): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.info(line);
}

/** What a log line may say about an error: its class, and for Jira errors the call, status and Jira's messages. */
export function describeError(error: unknown): NonNullable<LogFields['error']> {
  if (!(error instanceof Error)) return { name: typeof error };
  const jira = error as Error & { operation?: unknown; status?: unknown; jiraMessages?: unknown };
  return {
    name: error.name,
    ...(typeof jira.operation === 'string' ? { operation: jira.operation } : {}),
    ...(typeof jira.status === 'number' ? { status: jira.status } : {}),
    ...(Array.isArray(jira.jiraMessages) ? { jiraMessages: jira.jiraMessages.filter((m): m is string => typeof m === 'string') } : {}),
  };
}
