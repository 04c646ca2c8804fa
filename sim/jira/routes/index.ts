import type { RouteHandler } from '../http';
import { listFields, setAppFieldValue, setAppFieldValues } from './fields';
import { createIssue, editIssue, getIssue } from './issues';
import { checkPermissions, myPermissions, myself } from './permissions';
import { deleteIssueProperty, getIssueProperty, listIssuePropertyKeys, setIssueProperty } from './properties';
import { approximateCount, searchJqlGet, searchJqlPost } from './search';

export interface Route {
  /** The operation name; contracts and logs refer to it. */
  operation: string;
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

const SEGMENT = '([^/]+)';
const route = (operation: string, method: string, path: string, handler: RouteHandler): Route => ({
  operation,
  method,
  pattern: new RegExp(`^${path.replaceAll('{}', SEGMENT)}$`),
  handler,
});

export const ROUTES: readonly Route[] = [
  route('getIssue', 'GET', '/rest/api/3/issue/{}', getIssue),
  route('editIssue', 'PUT', '/rest/api/3/issue/{}', editIssue),
  route('createIssue', 'POST', '/rest/api/3/issue', createIssue),
  route('listIssuePropertyKeys', 'GET', '/rest/api/3/issue/{}/properties', listIssuePropertyKeys),
  route('getIssueProperty', 'GET', '/rest/api/3/issue/{}/properties/{}', getIssueProperty),
  route('setIssueProperty', 'PUT', '/rest/api/3/issue/{}/properties/{}', setIssueProperty),
  route('deleteIssueProperty', 'DELETE', '/rest/api/3/issue/{}/properties/{}', deleteIssueProperty),
  route('listFields', 'GET', '/rest/api/3/field', listFields),
  route('setAppFieldValues', 'POST', '/rest/api/3/app/field/value', setAppFieldValues),
  route('setAppFieldValue', 'PUT', '/rest/api/3/app/field/{}/value', setAppFieldValue),
  route('searchJqlPost', 'POST', '/rest/api/3/search/jql', searchJqlPost),
  route('searchJqlGet', 'GET', '/rest/api/3/search/jql', searchJqlGet),
  route('approximateCount', 'POST', '/rest/api/3/search/approximate-count', approximateCount),
  route('myPermissions', 'GET', '/rest/api/3/mypermissions', myPermissions),
  route('checkPermissions', 'POST', '/rest/api/3/permissions/check', checkPermissions),
  route('myself', 'GET', '/rest/api/3/myself', myself),
];

export function findRoute(method: string, path: string): { route: Route; params: string[] } | { allowed: string[] } | undefined {
  const byPath = ROUTES.filter((r) => r.pattern.test(path));
  if (byPath.length === 0) return undefined;
  const matched = byPath.find((r) => r.method === method);
  if (!matched) return { allowed: byPath.map((r) => r.method) };
  const params = (matched.pattern.exec(path) as RegExpExecArray).slice(1).map(decodeURIComponent);
  return { route: matched, params };
}
