import type { AdfDocument, CustomField, Issue, NamedRef, Project } from './model';
import type { IssueChanges, JiraState } from './state';

/**
 * Turns the `fields` and `update` sections of an edit or create body into IssueChanges, with
 * Jira's validation: only fields on the screen can be set (the Labels field can be left off a
 * project's screen; app fields are read-only), labels take no spaces, a description is an ADF
 * document. Errors go into Jira's `errors` map keyed by field id.
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put)
 */

const MAX_LABEL_LENGTH = 255;
const SYSTEM_EDITABLE = ['summary', 'description', 'labels', 'components'] as const;

function notOnScreen(fieldId: string): string {
  return `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

function editableFieldIds(project: Project, state: JiraState): Set<string> {
  const ids = new Set<string>(SYSTEM_EDITABLE.filter((id) => id !== 'labels' || project.labelsOnEditScreen));
  for (const field of state.customFields) if (field.moduleKey === undefined) ids.add(field.id);
  return ids;
}

type Operation = { kind: 'set' | 'add' | 'remove'; value: unknown };

export function collectChanges(
  sections: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
  project: Project,
  current: Issue | undefined,
  state: JiraState,
  errors: Record<string, string>,
): IssueChanges {
  const editable = editableFieldIds(project, state);
  const operations = new Map<string, Operation[]>();
  for (const [fieldId, value] of Object.entries(sections.fields ?? {})) operations.set(fieldId, [{ kind: 'set', value }]);
  for (const [fieldId, ops] of Object.entries(sections.update ?? {})) {
    if (operations.has(fieldId)) {
      errors[fieldId] = `Field '${fieldId}' cannot be set in both the 'fields' and 'update' sections.`;
      continue;
    }
    const parsed = parseOperations(ops);
    if (typeof parsed === 'string') errors[fieldId] = parsed;
    else operations.set(fieldId, parsed);
  }
  const changes: IssueChanges = {};
  for (const [fieldId, ops] of operations) {
    if (!editable.has(fieldId)) {
      errors[fieldId] = notOnScreen(fieldId);
      continue;
    }
    const error = applyOperations(fieldId, ops, project, current, state, changes);
    if (error) errors[fieldId] = error;
  }
  return changes;
}

function parseOperations(ops: unknown): Operation[] | string {
  if (!Array.isArray(ops)) return 'Field update operations must be an array.';
  const parsed: Operation[] = [];
  for (const op of ops) {
    const entries = typeof op === 'object' && op !== null ? Object.entries(op as Record<string, unknown>) : [];
    const [entry] = entries;
    if (entries.length !== 1 || !entry || !['set', 'add', 'remove'].includes(entry[0])) {
      return `Each update operation must be one of 'set', 'add' or 'remove'.`;
    }
    parsed.push({ kind: entry[0] as Operation['kind'], value: entry[1] });
  }
  return parsed;
}

function applyOperations(
  fieldId: string,
  ops: Operation[],
  project: Project,
  current: Issue | undefined,
  state: JiraState,
  changes: IssueChanges,
): string | undefined {
  switch (fieldId) {
    case 'summary':
      return single(ops, (value) => {
        if (typeof value !== 'string' || value.trim() === '') return 'You must specify a summary of the issue.';
        if (value.length > 255) return 'Summary must be less than 255 characters.';
        changes.summary = value;
        return undefined;
      });
    case 'description':
      return single(ops, (value) => {
        if (value !== null && !isAdfDocument(value)) return 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
        changes.description = value;
        return undefined;
      });
    case 'labels':
      return applyToList(ops, current?.labels ?? [], resolveLabel, (labels) => {
        changes.labels = labels;
      });
    case 'components': {
      const resolve = (value: unknown): Resolved<NamedRef> => {
        const ref = typeof value === 'object' && value !== null ? (value as { id?: unknown; name?: unknown }) : {};
        const wanted = typeof ref.id === 'string' ? ref.id : typeof ref.name === 'string' ? ref.name : undefined;
        const component = project.components.find((c) => c.id === wanted || c.name === wanted);
        return component ? { value: component } : { error: `Component name '${String(wanted)}' is not valid` };
      };
      const setComponents = (components: NamedRef[]) => {
        changes.components = components;
      };
      return applyToList(ops, current?.components ?? [], resolve, setComponents, (a, b) => a.id === b.id);
    }
    default: {
      const field = state.customField(fieldId) as CustomField;
      return single(ops, (value) => {
        const error = customValueError(field, value);
        if (error) return error;
        (changes.customValues ??= new Map()).set(field.id, value);
        return undefined;
      });
    }
  }
}

function single(ops: Operation[], apply: (value: unknown) => string | undefined): string | undefined {
  const [op] = ops;
  if (ops.length !== 1 || !op || op.kind !== 'set') return "This field only supports the 'set' operation.";
  return apply(op.value);
}

type Resolved<T> = { value: T } | { error: string };

function applyToList<T>(
  ops: Operation[],
  start: readonly T[],
  resolve: (value: unknown) => Resolved<T>,
  done: (values: T[]) => void,
  same: (a: T, b: T) => boolean = (a, b) => a === b,
): string | undefined {
  let values = [...start];
  for (const op of ops) {
    const items = op.kind === 'set' ? (Array.isArray(op.value) ? op.value : undefined) : [op.value];
    if (!items) return `The 'set' operation needs an array of values.`;
    const resolved: T[] = [];
    for (const item of items) {
      const result = resolve(item);
      if ('error' in result) return result.error;
      resolved.push(result.value);
    }
    if (op.kind === 'set') values = dedupe(resolved, same);
    else if (op.kind === 'add') values = dedupe([...values, ...resolved], same);
    else values = values.filter((v) => !resolved.some((r) => same(v, r)));
  }
  done(values);
  return undefined;
}

function dedupe<T>(values: T[], same: (a: T, b: T) => boolean): T[] {
  return values.filter((value, index) => values.findIndex((other) => same(value, other)) === index);
}

function resolveLabel(value: unknown): Resolved<string> {
  if (typeof value !== 'string' || value === '') return { error: 'Labels must be non-empty strings.' };
  if (/\s/.test(value)) return { error: `The label '${value}' contains spaces which is invalid.` };
  if (value.length > MAX_LABEL_LENGTH) return { error: `The label '${value}' exceeds the ${MAX_LABEL_LENGTH} character limit.` };
  return { value };
}

export function customValueError(field: CustomField, value: unknown): string | undefined {
  if (value === null) return undefined;
  const element = field.type === 'number' ? 'number' : 'string';
  if (field.list) {
    return Array.isArray(value) && value.every((v) => typeof v === element)
      ? undefined
      : `Field '${field.name}' takes an array of ${element}s.`;
  }
  if (field.type === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : `Field '${field.name}' takes a number.`;
  return typeof value === 'string' ? undefined : `Field '${field.name}' takes a string.`;
}

function isAdfDocument(value: unknown): value is AdfDocument {
  const doc = value as Partial<AdfDocument> | null;
  return typeof doc === 'object' && doc !== null && doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content);
}
