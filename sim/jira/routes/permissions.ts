import type { Principal } from '../../principal';
import { JiraHttpError, objectBody, requireAuthenticated, visibleIssue, type RouteHandler } from '../http';
import { GLOBAL_PERMISSIONS, PROJECT_PERMISSIONS, type GlobalPermission, type PermissionKey, type Project, type ProjectPermission } from '../model';
import type { JiraState } from '../state';

/**
 * GET /rest/api/3/mypermissions (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get):
 * `permissions` is required; with an issue or project the answer is for that context, without one
 * a project permission is reported as held when the caller holds it in at least one project.
 * POST /rest/api/3/permissions/check, used by `authorize()` of @forge/api
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post).
 * GET /rest/api/3/myself (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/).
 */

const PERMISSION_INFO: Record<PermissionKey, { id: string; name: string; description: string }> = {
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', description: 'Ability to edit issues.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', description: 'Ability to administer a project in Jira.' },
  ADMINISTER: { id: '0', name: 'Administer Jira', description: 'Create and administer projects, issue types, fields, workflows and schemes.' },
};

export const myPermissions: RouteHandler = (request, context) => {
  requireAuthenticated(request);
  const { state } = context;
  const keys = (request.query.get('permissions') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) throw new JiraHttpError(400, ["The 'permissions' query parameter is required."]);
  const unknown = keys.filter((key) => !(key in PERMISSION_INFO));
  if (unknown.length > 0) throw new JiraHttpError(400, unknown.map((key) => `Invalid permission key: ${key}`));
  const project = contextProject(request.query, request.principal, context.state, (idOrKey) => state.projectOf(visibleIssue(context, request, idOrKey)));
  const permissions = Object.fromEntries(
    (keys as PermissionKey[]).map((key) => {
      const info = PERMISSION_INFO[key];
      const global = (GLOBAL_PERMISSIONS as readonly string[]).includes(key);
      return [
        key,
        { id: info.id, key, name: info.name, type: global ? 'GLOBAL' : 'PROJECT', description: info.description, havePermission: holds(state, request.principal, key, project) },
      ];
    }),
  );
  return { status: 200, body: { permissions } };
};

export const checkPermissions: RouteHandler = (request, context) => {
  requireAuthenticated(request);
  const { state } = context;
  const body = objectBody(request);
  const subject = subjectOf(body.accountId, request.principal, state);
  const globalPermissions = (Array.isArray(body.globalPermissions) ? (body.globalPermissions as string[]) : []).filter(
    (key): key is GlobalPermission => (GLOBAL_PERMISSIONS as readonly string[]).includes(key) && state.hasGlobalPermission(subject, key as GlobalPermission),
  );
  const requested = Array.isArray(body.projectPermissions) ? (body.projectPermissions as Array<Record<string, unknown>>) : [];
  const projectPermissions = requested.flatMap((entry) =>
    (Array.isArray(entry.permissions) ? (entry.permissions as string[]) : [])
      .filter((key): key is ProjectPermission => (PROJECT_PERMISSIONS as readonly string[]).includes(key))
      .map((permission) => ({
        permission,
        issues: numbers(entry.issues).filter((id) => {
          const issue = state.issue(String(id));
          return issue !== undefined && state.hasProjectPermission(subject, permission, state.projectOf(issue));
        }),
        projects: numbers(entry.projects).filter((id) => {
          const project = state.project(String(id));
          return project !== undefined && state.hasProjectPermission(subject, permission, project);
        }),
      })),
  );
  return { status: 200, body: { globalPermissions, projectPermissions } };
};

export const myself: RouteHandler = (request, context) => {
  requireAuthenticated(request);
  const { principal } = request;
  const { state } = context;
  if (principal.kind === 'app') {
    return { status: 200, body: { self: `${request.baseUrl}/rest/api/3/user?accountId=${principal.accountId}`, accountId: principal.accountId, accountType: 'app', displayName: state.app.appName, active: true } };
  }
  const user = principal.kind === 'user' ? state.users.get(principal.accountId) : undefined;
  if (!user) throw new JiraHttpError(401, ['You are not authenticated. Authentication required to perform this operation.']);
  return {
    status: 200,
    body: {
      self: `${request.baseUrl}/rest/api/3/user?accountId=${user.accountId}`,
      accountId: user.accountId,
      accountType: 'atlassian',
      ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
      displayName: user.displayName,
      active: true,
      timeZone: 'UTC',
      locale: 'en_US',
    },
  };
};

function contextProject(query: URLSearchParams, principal: Principal, state: JiraState, projectOfIssue: (idOrKey: string) => Project): Project | undefined {
  const issueRef = query.get('issueId') ?? query.get('issueKey');
  if (issueRef) return projectOfIssue(issueRef);
  const projectRef = query.get('projectId') ?? query.get('projectKey');
  if (!projectRef) return undefined;
  const project = state.project(projectRef);
  if (!project || !state.hasProjectPermission(principal, 'BROWSE_PROJECTS', project)) {
    throw new JiraHttpError(404, [`No project could be found with key '${projectRef}'.`]);
  }
  return project;
}

function holds(state: JiraState, principal: Principal, key: PermissionKey, project: Project | undefined): boolean {
  if (key === 'ADMINISTER') return state.hasGlobalPermission(principal, key);
  if (project) return state.hasProjectPermission(principal, key, project);
  return state.projects.some((p) => state.hasProjectPermission(principal, key, p));
}

/** Checking another account's permissions needs Administer Jira, or the app itself. */
function subjectOf(accountId: unknown, caller: Principal, state: JiraState): Principal {
  if (typeof accountId !== 'string' || (caller.kind !== 'anonymous' && accountId === caller.accountId)) return caller;
  if (caller.kind !== 'app' && !state.hasGlobalPermission(caller, 'ADMINISTER')) {
    throw new JiraHttpError(403, ['You do not have permission to check the permissions of other users.']);
  }
  return accountId === state.app.appAccountId ? { kind: 'app', accountId } : { kind: 'user', accountId };
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number).filter(Number.isInteger) : [];
}
