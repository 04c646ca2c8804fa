import type { ChangelogItem } from './model';

/**
 * Jira issue events as a Forge `trigger` receives them
 * (https://developer.atlassian.com/platform/forge/events-reference/jira/): the issue carries only
 * summary, issuetype, project, status, reporter, assignee, created and updated (no description,
 * labels or components); updates carry the changelog; `selfGenerated` is true when the app's own
 * account made the change (what `filter.ignoreSelf` drops).
 */
export interface JiraIssueEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  selfGenerated: boolean;
  atlassianId?: string;
  issue: {
    id: string;
    key: string;
    fields: Record<string, unknown>;
  };
  changelog?: { id: string; items: ChangelogItem[] };
}

export type JiraEventListener = (event: JiraIssueEvent) => unknown;

export class JiraEventBus {
  readonly emitted: JiraIssueEvent[] = [];
  /** Errors thrown or rejected by listeners; a listener failing never fails the HTTP request. */
  readonly listenerErrors: unknown[] = [];
  private readonly listeners = new Set<JiraEventListener>();

  subscribe(listener: JiraEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records the event and hands it to every listener asynchronously, as Jira delivers events after the write. */
  emit(event: JiraIssueEvent): void {
    this.emitted.push(event);
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => this.listenerErrors.push(error));
    }
  }
}
