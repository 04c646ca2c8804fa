import { JiraHttpError, objectBody, visibleIssue, type RouteHandler, type SimRequest, type RouteContext } from '../http';
import type { Issue } from '../model';

/**
 * Issue properties (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/):
 * keys of at most 255 characters, values any JSON of at most 32,768 characters. Reading needs
 * Browse projects, writing Edit issues. Property writes change no field, so they emit no event.
 */
const MAX_KEY_LENGTH = 255;
const MAX_PROPERTY_VALUE_LENGTH = 32_768;

export function propertyError(key: unknown, serializedValue: string | undefined): string | undefined {
  if (typeof key !== 'string' || key === '' || key.length > MAX_KEY_LENGTH) {
    return `The property key must be a string of 1 to ${MAX_KEY_LENGTH} characters.`;
  }
  if (serializedValue === undefined) return `The property '${key}' needs a value.`;
  if (serializedValue.length > MAX_PROPERTY_VALUE_LENGTH) {
    return `The value of property '${key}' is too long: it must not exceed ${MAX_PROPERTY_VALUE_LENGTH} characters.`;
  }
  return undefined;
}

function editableIssue(context: RouteContext, request: SimRequest): Issue {
  const issue = visibleIssue(context, request, request.params[0] as string);
  if (!context.state.hasProjectPermission(request.principal, 'EDIT_ISSUES', context.state.projectOf(issue))) {
    throw new JiraHttpError(403, ['You do not have permission to edit issues in this project.']);
  }
  return issue;
}

export const listIssuePropertyKeys: RouteHandler = (request, context) => {
  const issue = visibleIssue(context, request, request.params[0] as string);
  const keys = [...issue.properties.keys()].map((key) => ({ key, self: `${request.baseUrl}/rest/api/3/issue/${issue.id}/properties/${key}` }));
  return { status: 200, body: { keys } };
};

export const getIssueProperty: RouteHandler = (request, context) => {
  const issue = visibleIssue(context, request, request.params[0] as string);
  const key = request.params[1] as string;
  if (!issue.properties.has(key)) throw new JiraHttpError(404, [`The property with key '${key}' does not exist.`]);
  return { status: 200, body: { key, value: issue.properties.get(key) } };
};

export const setIssueProperty: RouteHandler = (request, context) => {
  const issue = editableIssue(context, request);
  const key = request.params[1] as string;
  const error = propertyError(key, request.rawBody === '' ? undefined : request.rawBody);
  if (error) throw new JiraHttpError(400, [error]);
  context.recordWrites([issue]);
  const existed = issue.properties.has(key);
  issue.properties.set(key, request.body);
  return { status: existed ? 200 : 201 };
};

export const deleteIssueProperty: RouteHandler = (request, context) => {
  const issue = editableIssue(context, request);
  const key = request.params[1] as string;
  if (!issue.properties.has(key)) throw new JiraHttpError(404, [`The property with key '${key}' does not exist.`]);
  context.recordWrites([issue]);
  issue.properties.delete(key);
  return { status: 204 };
};

/** The `properties` array of an edit or create body: `[{key, value}]`. */
export function parsePropertyList(request: SimRequest): Array<{ key: string; value: unknown }> {
  const properties = objectBody(request).properties;
  if (properties === undefined) return [];
  if (!Array.isArray(properties)) throw new JiraHttpError(400, ['properties must be an array of {key, value}.']);
  return properties.map((entry: { key?: unknown; value?: unknown }) => {
    const error = propertyError(entry.key, entry.value === undefined ? undefined : JSON.stringify(entry.value));
    if (error) throw new JiraHttpError(400, [error]);
    return { key: entry.key as string, value: entry.value };
  });
}
