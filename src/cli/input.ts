import { z } from 'zod';
import type { IssueInput } from '../analysis/types';

/** A problem with the user's input file, with where it is. */
export class InputError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
    this.name = 'InputError';
  }
}

const componentList = z.array(z.union([z.string(), z.object({ name: z.string() }).loose()])).optional();

/** A Jira REST issue (`GET /rest/api/3/issue/{id}`): description is ADF (v3) or a string (v2). */
const restIssueSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    key: z.string().optional(),
    fields: z
      .object({
        summary: z.string().nullish(),
        description: z.unknown().optional(),
        labels: z.array(z.string()).nullish(),
        components: componentList.nullable(),
      })
      .loose(),
  })
  .loose();

/** A ticket line as in the Deep-SE corpus and the eval sets: `{key or id, summary, description}`. */
const ticketLineSchema = z
  .object({
    key: z.string().optional(),
    id: z.union([z.string(), z.number()]).optional(),
    summary: z.string().nullish(),
    description: z.unknown().optional(),
    components: componentList.nullable(),
    labels: z.array(z.string()).nullish(),
  })
  .loose();

function componentNames(list: z.infer<typeof componentList> | null): string[] {
  return (list ?? []).map((c) => (typeof c === 'string' ? c : c.name));
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function fromRestIssue(value: unknown, line?: number): IssueInput {
  const parsed = restIssueSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`not a Jira issue: ${describe(parsed.error)}`, line);
  const { id, key, fields } = parsed.data;
  return {
    ...(key !== undefined ? { key } : id !== undefined ? { key: String(id) } : {}),
    ...(id !== undefined ? { id: String(id) } : {}),
    summary: fields.summary ?? '',
    description: fields.description ?? '',
    components: componentNames(fields.components),
    labels: fields.labels ?? [],
  };
}

export function fromTicketLine(value: unknown, line: number): IssueInput {
  if (value !== null && typeof value === 'object' && 'fields' in value) return fromRestIssue(value, line);
  const parsed = ticketLineSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`not a ticket: ${describe(parsed.error)}`, line);
  const { key, id, summary, description, components, labels } = parsed.data;
  const name = key ?? (id !== undefined ? String(id) : undefined);
  return {
    ...(name !== undefined ? { key: name } : {}),
    ...(id !== undefined ? { id: String(id) } : {}),
    summary: summary ?? '',
    description: description ?? '',
    components: componentNames(components),
    labels: labels ?? [],
  };
}

/** Plain text: the first non-empty line is the summary, the rest the description. */
export function fromPlainText(text: string): IssueInput {
  const trimmed = text.replace(/^\s+/, '');
  const newline = trimmed.indexOf('\n');
  const summary = (newline < 0 ? trimmed : trimmed.slice(0, newline)).trim();
  const description = newline < 0 ? '' : trimmed.slice(newline + 1);
  return { summary, description, descriptionFormat: 'plain' };
}

/**
 * Reads any supported input: a Jira REST issue JSON (or a search result `{issues: [...]}` or an
 * array of issues), a JSONL of tickets, or plain text. Yields issues lazily, so a large JSONL is
 * not held twice in memory.
 */
export function* parseIssues(content: string, hint: 'auto' | 'plain' = 'auto'): Generator<IssueInput> {
  if (content.includes('\u0000')) throw new InputError('input looks binary (it contains NUL bytes)');
  const start = content.trimStart();
  if (hint === 'plain' || !(start.startsWith('{') || start.startsWith('['))) {
    if (start.length === 0) throw new InputError('input is empty');
    yield fromPlainText(content);
    return;
  }
  let whole: unknown;
  let wholeParsed = false;
  try {
    whole = JSON.parse(content);
    wholeParsed = true;
  } catch {
    // not one JSON document: JSONL
  }
  if (wholeParsed) {
    if (Array.isArray(whole)) {
      for (let i = 0; i < whole.length; i++) yield fromTicketLine(whole[i], i + 1);
    } else if (whole !== null && typeof whole === 'object' && Array.isArray((whole as { issues?: unknown }).issues)) {
      for (const issue of (whole as { issues: unknown[] }).issues) yield fromRestIssue(issue);
    } else {
      yield fromTicketLine(whole, 1);
    }
    return;
  }
  let lineNumber = 0;
  let from = 0;
  while (from <= content.length) {
    let to = content.indexOf('\n', from);
    if (to < 0) to = content.length;
    lineNumber++;
    const line = content.slice(from, to).trim();
    from = to + 1;
    if (line.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new InputError(`invalid JSON (${(e as Error).message})`, lineNumber);
    }
    yield fromTicketLine(value, lineNumber);
  }
}
