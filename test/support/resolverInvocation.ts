import { currentForgeRuntime } from '../../sim/forge/runtime';

/**
 * Calls a resolver function's handler the way the Forge platform does when a Custom UI front end
 * runs `invoke(functionKey, payload)`: `{ call: { functionKey, payload }, context }` with the
 * invoking user as the principal, and that user's token behind `asUser()`
 * (@forge/resolver's getDefinitions reads `context.accountId` from the principal).
 */
export interface InvocationContext {
  moduleKey: string;
  /** Undefined for an invocation without a user. */
  accountId?: string;
  issue?: { id: string; key: string };
}

type ResolverHandler = (request: { call: { functionKey: string; payload?: unknown }; context: Record<string, unknown> }, backend?: Record<string, unknown>) => Promise<unknown>;

export async function invokeResolver<T = unknown>(handler: ResolverHandler, functionKey: string, context: InvocationContext, payload: unknown = {}): Promise<T> {
  currentForgeRuntime().actAsUser(context.accountId);
  const extension = context.issue ? { type: 'jira:issuePanel', issue: { ...context.issue, type: 'Bug' }, project: { id: '10000', key: context.issue.key.split('-')[0], type: 'software' } } : { type: 'jira:adminPage' };
  return (await handler(
    { call: { functionKey, payload }, context: { moduleKey: context.moduleKey, cloudId: 'simulated', localId: `${context.moduleKey}-1`, extension } },
    context.accountId ? { principal: { accountId: context.accountId } } : {},
  )) as T;
}
