import { JiraHttpError, objectBody, requireAuthenticated, visibleIssue, type RouteHandler } from '../http';
import { collectChanges } from '../issueEdits';
import { commaList, parseFieldSelection, renderIssue } from '../render';
import { parsePropertyList } from './properties';

/**
 * Issues: get, edit, create (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/).
 * A caller without Browse projects gets 404 for the issue, as in Jira; editing needs Edit issues.
 */

export const getIssue: RouteHandler = (request, context) => {
  const issue = visibleIssue(context, request, request.params[0] as string);
  const selection = parseFieldSelection(commaList(request.query.get('fields')), 'all');
  const properties = commaList(request.query.get('properties')) ?? [];
  return { status: 200, body: renderIssue(issue, context.state, selection, properties, request.baseUrl) };
};

export const editIssue: RouteHandler = (request, context) => {
  const { state } = context;
  const issue = visibleIssue(context, request, request.params[0] as string);
  const project = state.projectOf(issue);
  if (!state.hasProjectPermission(request.principal, 'EDIT_ISSUES', project)) {
    throw new JiraHttpError(403, ['You do not have permission to edit issues in this project.']);
  }
  const body = objectBody(request);
  const errors: Record<string, string> = {};
  const changes = collectChanges(sectionsOf(body), project, issue, state, errors);
  const properties = parsePropertyList(request);
  if (Object.keys(errors).length > 0) throw new JiraHttpError(400, [], errors);
  context.recordWrites([issue]);
  context.emit(state.changeIssue(issue, changes, request.principal));
  for (const { key, value } of properties) issue.properties.set(key, value);
  if (request.query.get('returnIssue') === 'true') {
    return { status: 200, body: renderIssue(issue, state, parseFieldSelection(undefined, 'all'), [], request.baseUrl) };
  }
  return { status: 204 };
};

export const createIssue: RouteHandler = (request, context) => {
  requireAuthenticated(request);
  const { state } = context;
  const body = objectBody(request);
  const { fields = {}, update } = sectionsOf(body);
  const { project: projectRef, issuetype, ...rest } = fields;
  const project = state.project(refOf(projectRef) ?? '');
  const issueType = state.findIssueType(refOf(issuetype) ?? '');
  const errors: Record<string, string> = {};
  if (!project) errors.project = 'Specify a valid project ID or key';
  if (!issueType) errors.issuetype = 'Specify an issue type';
  if (!project || !issueType) throw new JiraHttpError(400, [], errors);
  if (!state.hasProjectPermission(request.principal, 'CREATE_ISSUES', project)) {
    throw new JiraHttpError(400, [], { project: 'You do not have permission to create issues in this project.' });
  }
  if (rest.summary === undefined && update?.summary === undefined) errors.summary = 'You must specify a summary of the issue.';
  const changes = collectChanges({ fields: rest, ...(update ? { update } : {}) }, project, undefined, state, errors);
  const properties = parsePropertyList(request);
  if (Object.keys(errors).length > 0) throw new JiraHttpError(400, [], errors);
  const { issue, event } = state.createIssue(
    {
      project: project.key,
      summary: changes.summary as string,
      issueType: issueType.name,
      description: changes.description ?? null,
      labels: changes.labels ?? [],
      components: (changes.components ?? []).map((c) => c.name),
      properties: Object.fromEntries(properties.map((p) => [p.key, p.value])),
    },
    request.principal,
  );
  for (const [fieldId, value] of changes.customValues ?? []) issue.customValues.set(fieldId, value);
  context.emit(event);
  return { status: 201, body: { id: issue.id, key: issue.key, self: `${request.baseUrl}/rest/api/3/issue/${issue.id}` } };
};

function sectionsOf(body: Record<string, unknown>): { fields?: Record<string, unknown>; update?: Record<string, unknown> } {
  const section = (name: 'fields' | 'update') => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JiraHttpError(400, [`'${name}' must be an object.`]);
    return value as Record<string, unknown>;
  };
  const fields = section('fields');
  const update = section('update');
  return { ...(fields ? { fields } : {}), ...(update ? { update } : {}) };
}

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = value as { id?: unknown; key?: unknown; name?: unknown };
  for (const candidate of [ref.key, ref.id, ref.name]) if (typeof candidate === 'string') return candidate;
  return undefined;
}
