import type { BackfillScope, FieldError } from '../contract';

/**
 * Splits a backfill into chains of pages that run in parallel, each a JQL query over a group of
 * projects. Every chain pushes one queue event per tick, at most one a second: with at most
 * MAX_CHAINS chains the job pushes at most 180 events a minute, under the queue's 500 per minute,
 * and at most 900 in the five minutes between two relays, under the 1,000 pushes one initial
 * invocation allows; a launch fits one push of at most 50 events
 * (https://developer.atlassian.com/platform/forge/limits-async-events/). More chains would not go
 * faster: they share one pace, which Jira's rate limits set.
 * Issues are paged in key order, which does not change while the backfill edits them. The scope
 * is limited to the projects the configuration enables, as issue events are.
 */
export const MAX_CHAINS = 3;
const ORDER_BY = 'ORDER BY key ASC';

export interface ChainPlan {
  /** The query over the whole scope, as the admin sees it and as Jira counts it. */
  jql: string;
  /** Each chain's query, with its ORDER BY. */
  chainJqls: string[];
}

export function planChains(scope: BackfillScope, enabledProjects: readonly string[]): ChainPlan | { fieldErrors: FieldError[] } {
  if (scope.kind === 'projects') {
    const fieldErrors = scope.projectKeys.flatMap((key, index) =>
      enabledProjects.length > 0 && !enabledProjects.includes(key)
        ? [{ path: `scope.projectKeys.${index}`, message: `The project ${key} is not enabled in the settings: enable it first, or leave it out.` }]
        : [],
    );
    if (fieldErrors.length > 0) return { fieldErrors };
    return {
      jql: projectClause(scope.projectKeys),
      chainJqls: groups(scope.projectKeys).map((keys) => `${projectClause(keys)} ${ORDER_BY}`),
    };
  }
  const where = `(${scope.jql})`;
  if (enabledProjects.length === 0) return { jql: where, chainJqls: [`${where} ${ORDER_BY}`] };
  return {
    jql: `${where} AND ${projectClause(enabledProjects)}`,
    chainJqls: groups(enabledProjects).map((keys) => `${where} AND ${projectClause(keys)} ${ORDER_BY}`),
  };
}

/** Project keys are quoted so that a key such as `AND` is not read as JQL. */
function projectClause(keys: readonly string[]): string {
  const quoted = keys.map((key) => `"${key}"`);
  return quoted.length === 1 ? `project = ${quoted[0]}` : `project in (${quoted.join(', ')})`;
}

/** At most MAX_CHAINS groups of consecutive keys, sizes differing by at most one. */
function groups(keys: readonly string[]): string[][] {
  const count = Math.min(MAX_CHAINS, keys.length);
  const result: string[][] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const size = Math.floor(keys.length / count) + (index < keys.length % count ? 1 : 0);
    result.push(keys.slice(start, start + size));
    start += size;
  }
  return result;
}
