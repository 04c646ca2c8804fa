import type { Issue } from './model';
import { jiraDateTime, type JiraState } from './state';

/**
 * Issue JSON as GET /rest/api/3/issue/{idOrKey} and POST /rest/api/3/search/jql return it
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get).
 * `fields` takes field ids, `*all`, `*navigable` and `-id` exclusions; `properties` takes keys or `*all`.
 */
export interface FieldSelection {
  all: boolean;
  include: Set<string>;
  exclude: Set<string>;
}

export function parseFieldSelection(requested: string[] | undefined, whenAbsent: 'all' | 'none'): FieldSelection {
  if (requested === undefined) return { all: whenAbsent === 'all', include: new Set(), exclude: new Set() };
  const selection: FieldSelection = { all: false, include: new Set(), exclude: new Set() };
  for (const item of requested.map((f) => f.trim()).filter(Boolean)) {
    if (item === '*all' || item === '*navigable') selection.all = true;
    else if (item.startsWith('-')) selection.exclude.add(item.slice(1));
    else selection.include.add(item);
  }
  return selection;
}

export function commaList(value: string | null): string[] | undefined {
  return value === null ? undefined : value.split(',');
}

export function renderIssue(issue: Issue, state: JiraState, selection: FieldSelection, propertyKeys: string[], baseUrl: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(allFields(issue, state, baseUrl))) {
    if ((selection.all || selection.include.has(id)) && !selection.exclude.has(id)) fields[id] = value;
  }
  const wantsProperties = propertyKeys.length > 0;
  const properties = Object.fromEntries(
    [...issue.properties].filter(([key]) => propertyKeys.includes('*all') || propertyKeys.includes(key)),
  );
  return {
    id: issue.id,
    key: issue.key,
    self: `${baseUrl}/rest/api/3/issue/${issue.id}`,
    ...(Object.keys(fields).length > 0 || selection.all || selection.include.size > 0 ? { fields } : {}),
    ...(wantsProperties ? { properties } : {}),
  };
}

function allFields(issue: Issue, state: JiraState, baseUrl: string): Record<string, unknown> {
  const project = state.projectOf(issue);
  const user = (accountId: string | undefined) => {
    const found = accountId ? state.users.get(accountId) : undefined;
    return found ? { accountId: found.accountId, displayName: found.displayName, active: true, accountType: 'atlassian' } : null;
  };
  const system: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description,
    labels: [...issue.labels],
    components: issue.components.map((c) => ({ self: `${baseUrl}/rest/api/3/component/${c.id}`, id: c.id, name: c.name })),
    issuetype: { self: `${baseUrl}/rest/api/3/issuetype/${issue.issueType.id}`, id: issue.issueType.id, name: issue.issueType.name, subtask: false },
    status: {
      self: `${baseUrl}/rest/api/3/status/${issue.status.id}`,
      id: issue.status.id,
      name: issue.status.name,
      statusCategory: { key: issue.status.categoryKey },
    },
    project: { self: `${baseUrl}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name },
    created: jiraDateTime(issue.created),
    updated: jiraDateTime(issue.updated),
    reporter: user(issue.reporter),
    assignee: null,
  };
  for (const field of state.customFields) system[field.id] = issue.customValues.get(field.id) ?? null;
  return system;
}
