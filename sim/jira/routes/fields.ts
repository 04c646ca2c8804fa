import { JiraHttpError, objectBody, requireAuthenticated, type RouteContext, type RouteHandler, type SimRequest } from '../http';
import { customValueError } from '../issueEdits';
import type { CustomField, Issue } from '../model';

/**
 * Fields and the values of the app's own custom fields.
 * GET /rest/api/3/field: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 * POST /rest/api/3/app/field/value and PUT /rest/api/3/app/field/{fieldIdOrKey}/value:
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/
 * Only fields declared in the app's manifest can be written (403 otherwise); issue ids are numbers;
 * list fields take arrays; each field and issue pair appears once per request; 204 on success.
 * Every changed issue gets an `avi:jira:updated:issue` event unless `generateAppEvents=false`.
 */

const SYSTEM_FIELDS = [
  { id: 'summary', name: 'Summary', clauseNames: ['summary'], schema: { type: 'string', system: 'summary' } },
  { id: 'description', name: 'Description', clauseNames: ['description'], schema: { type: 'string', system: 'description' } },
  { id: 'labels', name: 'Labels', clauseNames: ['labels'], schema: { type: 'array', items: 'string', system: 'labels' } },
  { id: 'components', name: 'Components', clauseNames: ['component'], schema: { type: 'array', items: 'component', system: 'components' } },
  { id: 'issuetype', name: 'Issue Type', clauseNames: ['issuetype', 'type'], schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'status', name: 'Status', clauseNames: ['status'], schema: { type: 'status', system: 'status' } },
  { id: 'project', name: 'Project', clauseNames: ['project'], schema: { type: 'project', system: 'project' } },
  { id: 'created', name: 'Created', clauseNames: ['created', 'createdDate'], schema: { type: 'datetime', system: 'created' } },
  { id: 'updated', name: 'Updated', clauseNames: ['updated', 'updatedDate'], schema: { type: 'datetime', system: 'updated' } },
  { id: 'reporter', name: 'Reporter', clauseNames: ['reporter'], schema: { type: 'user', system: 'reporter' } },
  { id: 'assignee', name: 'Assignee', clauseNames: ['assignee'], schema: { type: 'user', system: 'assignee' } },
];

export const listFields: RouteHandler = (request, context) => {
  requireAuthenticated(request);
  const system = SYSTEM_FIELDS.map((field) => ({ ...field, key: field.id, custom: false, orderable: true, navigable: true, searchable: true }));
  const custom = context.state.customFields.map((field) => ({
    id: field.id,
    key: field.key,
    name: field.name,
    untranslatedName: field.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${field.numericId}]`, field.name],
    schema: field.list
      ? { type: 'array', items: field.type, custom: field.schemaCustom, customId: field.numericId }
      : { type: field.type, custom: field.schemaCustom, customId: field.numericId },
  }));
  return { status: 200, body: [...system, ...custom] };
};

export const setAppFieldValues: RouteHandler = (request, context) => {
  const updates = updatesOf(request).map((update) => ({ ...update, field: appField(context, update.customField) }));
  return applyUpdates(request, context, updates);
};

export const setAppFieldValue: RouteHandler = (request, context) => {
  const field = appField(context, request.params[0] as string);
  const updates = updatesOf(request).map((update) => ({ ...update, field }));
  return applyUpdates(request, context, updates);
};

interface Update {
  customField: unknown;
  issueIds: unknown;
  value: unknown;
}

function updatesOf(request: SimRequest): Update[] {
  requireAuthenticated(request);
  const { updates } = objectBody(request);
  if (!Array.isArray(updates) || updates.length === 0) throw new JiraHttpError(400, ['updates must be a non-empty array.']);
  return updates.map((update: Record<string, unknown>) => ({ customField: update.customField, issueIds: update.issueIds, value: update.value }));
}

function appField(context: RouteContext, idOrKey: unknown): CustomField {
  const field = typeof idOrKey === 'string' ? context.state.customField(idOrKey) : undefined;
  if (!field) throw new JiraHttpError(404, [`The custom field '${String(idOrKey)}' was not found.`]);
  if (field.moduleKey === undefined) throw new JiraHttpError(403, [`The app is not the owner of the custom field '${field.id}'.`]);
  return field;
}

function applyUpdates(request: SimRequest, context: RouteContext, updates: Array<Update & { field: CustomField }>) {
  const { state } = context;
  const pairs = new Set<string>();
  const changesByIssue = new Map<Issue, Map<string, unknown>>();
  for (const { field, issueIds, value } of updates) {
    if (!Array.isArray(issueIds) || issueIds.length === 0 || !issueIds.every((id) => Number.isInteger(id))) {
      throw new JiraHttpError(400, ['issueIds must be a non-empty array of numeric issue ids.']);
    }
    const error = customValueError(field, value === undefined ? null : value);
    if (error) throw new JiraHttpError(400, [error]);
    for (const issueId of issueIds as number[]) {
      const pair = `${field.id}:${issueId}`;
      if (pairs.has(pair)) throw new JiraHttpError(400, ['Combinations of custom field and issue should be unique within the request.']);
      pairs.add(pair);
      const issue = state.issue(String(issueId));
      if (!issue) throw new JiraHttpError(404, [`Issue with id '${issueId}' does not exist.`]);
      if (!changesByIssue.has(issue)) changesByIssue.set(issue, new Map());
      changesByIssue.get(issue)?.set(field.id, value ?? null);
    }
  }
  context.recordWrites([...changesByIssue.keys()]);
  const generateEvents = request.query.get('generateAppEvents') !== 'false';
  for (const [issue, customValues] of changesByIssue) {
    const event = state.changeIssue(issue, { customValues }, request.principal);
    if (generateEvents) context.emit(event);
  }
  return { status: 204 };
}
