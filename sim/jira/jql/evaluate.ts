import { adfPlainText } from '../adfText';
import type { Issue } from '../model';
import type { JiraState } from '../state';
import { JqlValidationError } from './errors';
import type { JqlClause, JqlExpression, JqlOperator, JqlQuery, JqlValue } from './parser';

/**
 * Evaluates a parsed JQL query against the simulator's issues. Field semantics follow Jira's
 * (https://support.atlassian.com/jira-service-management-cloud/docs/jql-operators/): `!=` and
 * `NOT IN` never match an empty field; `~` is a word search (case-insensitive, `*` as a trailing
 * wildcard, no stemming); custom fields are named by name or `cf[id]`; `jira:entityProperty`
 * values by their search alias or `issue.property[key].path`.
 * Without ORDER BY the simulator returns issues in creation order.
 */

type FieldKind = 'string' | 'number' | 'date' | 'text' | 'project' | 'key';
type Scalar = string | number;

interface FieldAccessor {
  /** The field's name in Jira's messages. */
  label: string;
  kind: FieldKind;
  multiValued: boolean;
  read(issue: Issue): Scalar[];
}

export interface CompiledJql {
  matches(issue: Issue): boolean;
  sort(issues: Issue[]): Issue[];
}

const OPERATORS_BY_KIND: Record<FieldKind, readonly JqlOperator[]> = {
  string: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  number: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not'],
  date: ['=', '!=', '<', '<=', '>', '>=', 'is', 'is not'],
  text: ['~', '!~', 'is', 'is not'],
  project: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  key: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in'],
};

export function compileJql(query: JqlQuery, state: JiraState): CompiledJql {
  const errors: string[] = [];
  const predicate = query.where ? compileExpression(query.where, state, errors) : () => true;
  const orderings = query.orderBy.map((sort) => {
    const accessor = resolveField(sort.field.name, state);
    if (!accessor) errors.push(unknownField(sort.field.name));
    else if (accessor.multiValued || accessor.kind === 'text') errors.push(`Field '${accessor.label}' does not support sorting.`);
    return { accessor, direction: sort.direction === 'desc' ? -1 : 1 };
  });
  if (errors.length > 0) throw new JqlValidationError(errors);
  return {
    matches: predicate,
    // Each issue's sort values are read once, not at every comparison: sorting a large site stays fast.
    sort: (issues) =>
      issues
        .map((issue) => ({ issue, values: orderings.map(({ accessor }) => (accessor ? sortValue(accessor.kind, accessor.read(issue)[0]) : undefined)), id: Number(issue.id) }))
        .sort((a, b) => {
          for (const [index, { accessor, direction }] of orderings.entries()) {
            if (!accessor) continue;
            const result = compareSortValues(accessor.kind, a.values[index], b.values[index]) * direction;
            if (result !== 0) return result;
          }
          return a.id - b.id;
        })
        .map(({ issue }) => issue),
  };
}

function compileExpression(expression: JqlExpression, state: JiraState, errors: string[]): (issue: Issue) => boolean {
  switch (expression.type) {
    case 'and': {
      const operands = expression.operands.map((e) => compileExpression(e, state, errors));
      return (issue) => operands.every((operand) => operand(issue));
    }
    case 'or': {
      const operands = expression.operands.map((e) => compileExpression(e, state, errors));
      return (issue) => operands.some((operand) => operand(issue));
    }
    case 'not': {
      const operand = compileExpression(expression.operand, state, errors);
      return (issue) => !operand(issue);
    }
    case 'clause':
      return compileClause(expression, state, errors);
  }
}

function compileClause(clause: JqlClause, state: JiraState, errors: string[]): (issue: Issue) => boolean {
  const accessor = resolveField(clause.field.name, state);
  if (!accessor) {
    errors.push(unknownField(clause.field.name));
    return () => false;
  }
  if (!OPERATORS_BY_KIND[accessor.kind].includes(clause.operator)) {
    errors.push(`The operator '${clause.operator.toUpperCase()}' is not supported by the '${accessor.label}' field.`);
    return () => false;
  }
  const { operator, operand } = clause;
  if (operator === 'is' || operator === 'is not') {
    return (issue) => (accessor.read(issue).length === 0) === (operator === 'is');
  }
  const values = (operand.type === 'list' ? operand.values : operand.type === 'value' ? [operand.value] : []).map((value) =>
    normalizeOperand(accessor, value, state, errors),
  );
  // Sets answer equality at once, so that a large site filters fast: projects are already resolved
  // to their keys (normalizeOperand), other text compares without case.
  const projectKeys = accessor.kind === 'project' ? new Set(values.map(String)) : undefined;
  const lowered = accessor.kind === 'string' ? new Set(values.map((value) => String(value).toLowerCase())) : undefined;
  const equalsAny = projectKeys
    ? (actual: Scalar) => projectKeys.has(String(actual))
    : lowered
      ? (actual: Scalar) => lowered.has(String(actual).toLowerCase())
      : (actual: Scalar) => values.some((expected) => compareScalars(accessor.kind, actual, expected) === 0);
  switch (operator) {
    case '=':
    case 'in':
      return (issue) => accessor.read(issue).some(equalsAny);
    case '!=':
    case 'not in':
      return (issue) => {
        const actual = accessor.read(issue);
        return actual.length > 0 && !actual.some(equalsAny);
      };
    case '~':
      return (issue) => textMatches(accessor.read(issue), String(values[0]));
    case '!~':
      return (issue) => !textMatches(accessor.read(issue), String(values[0]));
    default: {
      const expected = values[0] as Scalar;
      const test = RANGE_TESTS[operator];
      return (issue) => accessor.read(issue).some((actual) => test(compareScalars(accessor.kind, actual, expected)));
    }
  }
}

const RANGE_TESTS: Record<'<' | '<=' | '>' | '>=', (comparison: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function resolveField(name: string, state: JiraState): FieldAccessor | undefined {
  const lower = name.toLowerCase();
  const system = systemField(lower, state);
  if (system) return system;
  const cf = /^cf\[(\d+)\]$/.exec(lower);
  const custom = cf ? state.customField(`customfield_${cf[1]}`) : state.customFieldByName(name);
  if (custom) {
    return {
      label: custom.name,
      kind: custom.type === 'number' ? 'number' : 'string',
      multiValued: custom.list,
      read: (issue) => scalars(issue.customValues.get(custom.id)),
    };
  }
  return entityPropertyField(name, state);
}

function systemField(lower: string, state: JiraState): FieldAccessor | undefined {
  switch (lower) {
    case 'project':
      return { label: 'project', kind: 'project', multiValued: false, read: (issue) => [state.projectOf(issue).key] };
    case 'key':
    case 'issuekey':
    case 'id':
      return { label: 'key', kind: 'key', multiValued: false, read: (issue) => [issue.key] };
    case 'labels':
      return { label: 'labels', kind: 'string', multiValued: true, read: (issue) => issue.labels };
    case 'issuetype':
    case 'type':
      return { label: 'issuetype', kind: 'string', multiValued: false, read: (issue) => [issue.issueType.name] };
    case 'status':
      return { label: 'status', kind: 'string', multiValued: false, read: (issue) => [issue.status.name] };
    case 'component':
      return { label: 'component', kind: 'string', multiValued: true, read: (issue) => issue.components.map((c) => c.name) };
    case 'summary':
      return { label: 'summary', kind: 'text', multiValued: false, read: (issue) => [issue.summary] };
    case 'description':
      return { label: 'description', kind: 'text', multiValued: false, read: (issue) => nonEmpty(adfPlainText(issue.description)) };
    case 'text':
      return { label: 'text', kind: 'text', multiValued: false, read: (issue) => [`${issue.summary}\n${adfPlainText(issue.description)}`] };
    case 'created':
    case 'createddate':
      return { label: 'created', kind: 'date', multiValued: false, read: (issue) => [issue.created] };
    case 'updated':
    case 'updateddate':
      return { label: 'updated', kind: 'date', multiValued: false, read: (issue) => [issue.updated] };
    default:
      return undefined;
  }
}

function entityPropertyField(name: string, state: JiraState): FieldAccessor | undefined {
  const explicit = /^issue\.property\[(.+)\]\.(.+)$/i.exec(name);
  for (const index of state.entityProperties) {
    for (const value of index.values) {
      const byAlias = value.searchAlias !== undefined && value.searchAlias.toLowerCase() === name.toLowerCase();
      const byPath = explicit !== null && explicit[1] === index.propertyKey && explicit[2] === value.path;
      if (!byAlias && !byPath) continue;
      const kind: FieldKind = value.type === 'number' ? 'number' : value.type === 'text' ? 'text' : value.type === 'date' ? 'date' : 'string';
      return {
        label: name,
        kind,
        multiValued: true,
        read: (issue) => scalarsAtPath(issue.properties.get(index.propertyKey), value.path.split('.')).map((v) => (kind === 'date' ? Date.parse(String(v)) : v)),
      };
    }
  }
  return undefined;
}

function normalizeOperand(accessor: FieldAccessor, value: JqlValue, state: JiraState, errors: string[]): Scalar {
  switch (accessor.kind) {
    case 'number': {
      const number = Number(value.text);
      if (value.text.trim() === '' || !Number.isFinite(number)) errors.push(`'${value.text}' is not a valid number for field '${accessor.label}'.`);
      return number;
    }
    case 'date': {
      const time = parseJqlDate(value.text, state.now());
      if (time === undefined) {
        errors.push(
          `Date value '${value.text}' for field '${accessor.label}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
        );
      }
      return time ?? 0;
    }
    case 'project': {
      const project = state.project(value.text);
      if (!project) errors.push(`The value '${value.text}' does not exist for the field 'project'.`);
      return project?.key ?? value.text;
    }
    case 'key': {
      const issue = state.issue(value.text);
      if (!issue) errors.push(`An issue with key '${value.text}' does not exist for field 'key'.`);
      return issue?.key ?? value.text;
    }
    default:
      return value.text;
  }
}

/** Relative periods (`-30d`, `-4w 2d`, units w d h m) or `yyyy-MM-dd` / `yyyy/MM/dd` with an optional ` HH:mm`. */
function parseJqlDate(text: string, now: number): number | undefined {
  const period = /^([-+]?)((?:\d+[wdhm]\s*)+)$/.exec(text.trim());
  if (period) {
    const unitMs: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
    const total = [...(period[2] as string).matchAll(/(\d+)([wdhm])/g)].reduce((sum, part) => sum + Number(part[1]) * (unitMs[part[2] as string] ?? 0), 0);
    return now + (period[1] === '-' ? -total : total);
  }
  const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!absolute) return undefined;
  const [, year, month, day, hour = '00', minute = '00'] = absolute;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
}

function compareScalars(kind: FieldKind, actual: Scalar, expected: Scalar): number {
  if (kind === 'number' || kind === 'date') return Number(actual) - Number(expected);
  if (kind === 'key') return compareKeys(String(actual), String(expected));
  return collator.compare(String(actual).toLowerCase(), String(expected).toLowerCase());
}

/** `localeCompare` without arguments, as one reusable collator (the same order, much faster). */
const collator = new Intl.Collator();

function compareKeys(a: string, b: string): number {
  const [projectA = '', numberA = '0'] = a.split('-');
  const [projectB = '', numberB = '0'] = b.split('-');
  return collator.compare(projectA, projectB) || Number(numberA) - Number(numberB);
}

/** A value as sorting compares it: issue keys split into project and number, text lower-cased. */
type SortValue = number | string | { project: string; number: number };

function sortValue(kind: FieldKind, value: Scalar | undefined): SortValue | undefined {
  if (value === undefined) return undefined;
  if (kind === 'number' || kind === 'date') return Number(value);
  if (kind === 'key') return parsedKey(String(value));
  return String(value).toLowerCase();
}

/** Issue keys split into project and number, parsed once per key: a search sorts the same keys again and again. */
const parsedKeys = new Map<string, { project: string; number: number }>();

function parsedKey(key: string): { project: string; number: number } {
  let parsed = parsedKeys.get(key);
  if (!parsed) {
    const [project = '', number = '0'] = key.split('-');
    parsed = { project, number: Number(number) };
    parsedKeys.set(key, parsed);
  }
  return parsed;
}

/** The order compareScalars gives; empty values sort last. */
function compareSortValues(kind: FieldKind, valueA: SortValue | undefined, valueB: SortValue | undefined): number {
  if (valueA === undefined || valueB === undefined) return valueA === valueB ? 0 : valueA === undefined ? 1 : -1;
  if (typeof valueA === 'object' && typeof valueB === 'object') return collator.compare(valueA.project, valueB.project) || valueA.number - valueB.number;
  if (typeof valueA === 'number' && typeof valueB === 'number') return valueA - valueB;
  return kind === 'key' ? 0 : collator.compare(String(valueA), String(valueB));
}

function textMatches(texts: Scalar[], query: string): boolean {
  const words = new Set(wordsOf(texts.join('\n')));
  const terms = query.split(/\s+/).filter(Boolean);
  return (
    terms.length > 0 &&
    terms.every((term) => {
      if (term.endsWith('*')) {
        const prefix = wordsOf(term.slice(0, -1)).join('');
        return [...words].some((word) => word.startsWith(prefix));
      }
      const termWords = wordsOf(term);
      return termWords.length > 0 && termWords.every((word) => words.has(word));
    })
  );
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function scalars(value: unknown): Scalar[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Scalar => typeof v === 'string' || typeof v === 'number');
}

function scalarsAtPath(value: unknown, path: string[]): Scalar[] {
  if (Array.isArray(value)) return value.flatMap((item) => scalarsAtPath(item, path));
  if (path.length === 0) return scalars(value);
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  return scalarsAtPath((value as Record<string, unknown>)[head as string], rest);
}

function nonEmpty(text: string): string[] {
  return text.trim() === '' ? [] : [text];
}

function unknownField(name: string): string {
  return `Field '${name}' does not exist or you do not have permission to view it.`;
}
