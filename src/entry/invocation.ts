import { getAppContext } from '@forge/api';
import { JiraClient } from '../jira/client';

/**
 * The time an invocation has, and how it waits. In Forge: the platform's remaining time
 * (`getAppContext().invocationRemainingTimeInMillis()`, 25 s for triggers and resolvers,
 * https://developer.atlassian.com/platform/forge/limits-invocation/) and real timers. Tests and
 * benchmarks pass a simulated clock so that retries and backoff cost no wall time.
 */
export interface InvocationClock {
  remainingTimeMs(): number;
  sleep(ms: number): Promise<void>;
}

/** Makes the clock of one invocation; called once per handler call. */
export type InvocationClockFactory = () => InvocationClock;

export const platformClock: InvocationClockFactory = () => ({
  remainingTimeMs: () => getAppContext().invocationRemainingTimeInMillis(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

export function jiraClient(as: 'app' | 'user', clock: InvocationClock): JiraClient {
  return new JiraClient({ as, remainingTimeMs: () => clock.remainingTimeMs(), sleep: (ms) => clock.sleep(ms) });
}
