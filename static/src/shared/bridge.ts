import { invoke } from '@forge/bridge';
import type { AdminBackfillResolvers, AdminResolvers, PanelResolvers, ResolverError, ResolverResult } from '../../../src/contract';

/** Why a call failed: the resolver's own error, or the platform could not run it at all. */
export type CallError = ResolverError | { code: 'invoke-failed'; message: string };
export type CallResult<T> = { ok: true; data: T } | { ok: false; error: CallError };

type ResolverDefinitions<D> = { [K in keyof D]: { payload: object; result: ResolverResult<unknown> } };
type DataOf<R> = R extends { ok: true; data: infer D } ? D : never;

/**
 * A typed `invoke` for one resolver function's keys (src/contract.ts). A rejected invoke (the
 * function crashed, timed out or is unreachable) becomes an `invoke-failed` error, so callers
 * handle one shape of failure.
 */
function resolverClient<Definitions extends ResolverDefinitions<Definitions>>() {
  return async <K extends keyof Definitions & string>(
    key: K,
    payload: Definitions[K]['payload'],
  ): Promise<CallResult<DataOf<Definitions[K]['result']>>> => {
    try {
      return (await invoke(key, payload)) as CallResult<DataOf<Definitions[K]['result']>>;
    } catch (error) {
      return { ok: false, error: { code: 'invoke-failed', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

export const callPanel = resolverClient<PanelResolvers>();
/** The admin function's keys: the configuration's and the backfill's. */
export const callAdmin = resolverClient<AdminResolvers & AdminBackfillResolvers>();

/** A sentence for a person, saying what went wrong and what to do about it. */
export function describeError(error: CallError): { title: string; detail: string } {
  switch (error.code) {
    case 'forbidden':
      return { title: 'You do not have permission', detail: error.message };
    case 'not-found':
      return { title: 'Issue not found', detail: 'The issue does not exist or you do not have permission to browse it.' };
    case 'jira-unavailable':
      return {
        title: 'Jira is unavailable',
        detail: error.retryAfterSeconds ? `${error.message} Try again in ${error.retryAfterSeconds} s.` : error.message,
      };
    case 'invalid-request':
      return { title: 'The request was not valid', detail: error.message };
    case 'jira-error':
      return { title: 'Jira refused the request', detail: error.message };
    case 'invoke-failed':
      return { title: 'Integration Radar could not be reached', detail: error.message };
  }
}
