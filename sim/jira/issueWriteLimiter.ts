/**
 * Jira's per-issue write limit (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/,
 * RateLimit-Reason `jira-per-issue-on-write`): at most 20 writes to one issue per 2 seconds and
 * 100 per 30 seconds.
 */
const WINDOWS = [
  { limit: 20, ms: 2_000 },
  { limit: 100, ms: 30_000 },
] as const;
const LONGEST_WINDOW_MS = 30_000;

export class IssueWriteLimiter {
  private readonly writes = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Records one write to each issue, or none and returns the seconds to wait when any issue is over a limit. */
  record(issueIds: string[]): { retryAfterSeconds: number } | undefined {
    const now = this.now();
    let waitMs = 0;
    for (const id of issueIds) {
      const recent = (this.writes.get(id) ?? []).filter((at) => at > now - LONGEST_WINDOW_MS);
      this.writes.set(id, recent);
      for (const window of WINDOWS) {
        const inWindow = recent.filter((at) => at > now - window.ms);
        const oldest = inWindow[inWindow.length - window.limit];
        if (oldest !== undefined) waitMs = Math.max(waitMs, oldest + window.ms - now);
      }
    }
    if (waitMs > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    for (const id of issueIds) this.writes.get(id)?.push(now);
    return undefined;
  }
}
