import type { JiraSimulator } from '../../sim/jira';
import { principalHeaders } from '../../sim/principal';

/**
 * A person using Jira: REST calls to the simulator as a user, the way Jira's own UI makes them,
 * so that the simulator applies its permission rules and emits the events Jira would.
 */
export interface JiraUser {
  createIssue(fields: Record<string, unknown>): Promise<{ id: string; key: string }>;
  editIssue(idOrKey: string, body: Record<string, unknown>): Promise<void>;
}

export function jiraUser(sim: () => JiraSimulator, accountId: string): JiraUser {
  async function call(method: string, path: string, body: unknown): Promise<unknown> {
    const response = await fetch(sim().url + path, {
      method,
      headers: { ...principalHeaders({ kind: 'user', accountId }), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    createIssue: async (fields) => (await call('POST', '/rest/api/3/issue', { fields })) as { id: string; key: string },
    editIssue: async (idOrKey, body) => {
      await call('PUT', `/rest/api/3/issue/${idOrKey}`, body);
    },
  };
}
