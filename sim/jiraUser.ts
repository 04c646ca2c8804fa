import type { JiraSimulator } from './jira';
import { principalHeaders } from './principal';

/**
 * A person using Jira: REST calls to the simulator as a user, the way Jira's own UI makes them,
 * so that the simulator applies its permission rules and emits the events Jira would.
 */
export interface JiraUser {
  createIssue(fields: Record<string, unknown>): Promise<{ id: string; key: string }>;
  editIssue(idOrKey: string, body: Record<string, unknown>): Promise<void>;
  getIssue(idOrKey: string): Promise<JiraIssueJson>;
  /** One page of `POST /rest/api/3/search/jql`. */
  search(request: { jql: string; fields: string[]; maxResults?: number; nextPageToken?: string }): Promise<{ issues: JiraIssueJson[]; nextPageToken?: string }>;
}

export interface JiraIssueJson {
  id: string;
  key: string;
  fields: Record<string, unknown>;
}

/** A refused request, with Jira's error body (`errorMessages`, `errors` by field id). */
export class JiraRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string>,
    message: string,
  ) {
    super(message);
    this.name = 'JiraRequestError';
  }
}

export function jiraUser(sim: () => JiraSimulator, accountId: string): JiraUser {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(sim().url + path, {
      method,
      headers: { ...principalHeaders({ kind: 'user', accountId }), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      const answer = parseErrorBody(text);
      throw new JiraRequestError(response.status, answer.errorMessages, answer.errors, `${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    createIssue: async (fields) => (await call('POST', '/rest/api/3/issue', { fields })) as { id: string; key: string },
    editIssue: async (idOrKey, body) => {
      await call('PUT', `/rest/api/3/issue/${encodeURIComponent(idOrKey)}`, body);
    },
    getIssue: async (idOrKey) => (await call('GET', `/rest/api/3/issue/${encodeURIComponent(idOrKey)}`)) as JiraIssueJson,
    search: async (request) => (await call('POST', '/rest/api/3/search/jql', request)) as { issues: JiraIssueJson[]; nextPageToken?: string },
  };
}

function parseErrorBody(text: string): { errorMessages: string[]; errors: Record<string, string> } {
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    return {
      errorMessages: Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [],
      errors: typeof body.errors === 'object' && body.errors !== null ? (body.errors as Record<string, string>) : {},
    };
  } catch {
    return { errorMessages: text ? [text] : [], errors: {} };
  }
}
