import { InputError, fromTicketLine } from '../src/cli/input';
import type { AdfDocument } from '../sim/jira';
import { wikiToAdf } from './adf/wikiToAdf';

/**
 * Tickets to load into the sandbox's Jira: the repo's samples (`samples/tickets.jsonl`) and any
 * JSONL given with `--import` (the Deep-SE corpus format `{key, summary, description}`, plus the
 * samples' optional `project`, `components`, `labels`, `issuetype`). Lines are validated as the CLI
 * validates them (src/cli/input.ts); a bad line stops the import with its line number before
 * anything is created.
 */
export interface Ticket {
  /** The ticket's key in the file (`MESOS-313`), kept to skip tickets imported before. */
  sourceKey?: string;
  project: string;
  summary: string;
  description: AdfDocument | null;
  components: string[];
  labels: string[];
  issueType: 'Bug' | 'Story' | 'Task';
}

/** Jira's limit on a summary (https://support.atlassian.com/jira-cloud-administration/docs/what-are-the-field-limits-in-jira-cloud/). */
const MAX_SUMMARY = 255;
const PROJECT_FROM_KEY = /^([A-Za-z][A-Za-z0-9_]*)-\d+$/;
const FALLBACK_PROJECT = 'IMPORT';

export function parseTickets(content: string): { tickets: Ticket[]; skipped: string[] } {
  const tickets: Ticket[] = [];
  const skipped: string[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`invalid JSON (${(error as Error).message})`, line);
    }
    const issue = fromTicketLine(value, line);
    const summary = issue.summary.replace(/\s+/g, ' ').trim();
    if (summary === '') {
      skipped.push(`line ${line}: no summary`);
      return;
    }
    const record = value as { project?: unknown; issuetype?: unknown };
    tickets.push({
      ...(issue.key ? { sourceKey: issue.key } : {}),
      project: projectKeyOf(issue.key, record.project),
      summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
      description: descriptionOf(issue.description),
      components: [...new Set(issue.components ?? [])],
      // Jira labels cannot contain spaces.
      labels: [...new Set((issue.labels ?? []).map((label) => label.trim().replace(/\s+/g, '_')).filter(Boolean))],
      issueType: record.issuetype === 'Bug' || record.issuetype === 'Story' ? record.issuetype : 'Task',
    });
  });
  return { tickets, skipped };
}

function projectKeyOf(key: string | undefined, project: unknown): string {
  const fromKey = key ? PROJECT_FROM_KEY.exec(key)?.[1] : undefined;
  if (fromKey) return fromKey.toUpperCase();
  if (typeof project === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(project)) return project.toUpperCase();
  return FALLBACK_PROJECT;
}

function descriptionOf(description: unknown): AdfDocument | null {
  if (typeof description === 'string') return description.trim() === '' ? null : wikiToAdf(description);
  const doc = description as Partial<AdfDocument> | null | undefined;
  if (doc && doc.type === 'doc' && Array.isArray(doc.content)) return { type: 'doc', version: 1, content: doc.content };
  return null;
}
