import { currentForgeRuntime } from './runtime';

/**
 * Calls a resolver function's handler the way the Forge platform does when a Custom UI front end
 * runs `invoke(functionKey, payload)`: `{ call: { functionKey, payload }, context }` with the
 * invoking user as the principal, and that user's token behind `asUser()`
 * (@forge/resolver's getDefinitions reads `context.accountId` from the principal).
 * The context is the one `view.getContext()` gives the page
 * (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#getcontext).
 */
export interface InvocationContext {
  moduleKey: string;
  /** Undefined for an invocation without a user. */
  accountId?: string;
  issue?: { id: string; key: string };
  /** The module's type, `extension.type`; default `jira:issuePanel` with an issue, `jira:adminPage` without. */
  extensionType?: string;
  /** The issue's project id; the simulator's first project when not given. */
  projectId?: string;
}

type ResolverHandler = (request: { call: { functionKey: string; payload?: unknown }; context: Record<string, unknown> }, backend?: Record<string, unknown>) => Promise<unknown>;

/** The context Jira gives a module: in the resolver as `context`, in the page from `view.getContext()`. */
export function forgeModuleContext(context: InvocationContext): Record<string, unknown> {
  const extension = context.issue
    ? {
        type: context.extensionType ?? 'jira:issuePanel',
        issue: { ...context.issue, type: 'Bug' },
        project: { id: context.projectId ?? '10000', key: context.issue.key.split('-')[0], type: 'software' },
      }
    : { type: context.extensionType ?? 'jira:adminPage' };
  return {
    moduleKey: context.moduleKey,
    cloudId: 'simulated',
    localId: `${context.moduleKey}-1`,
    ...(context.accountId ? { accountId: context.accountId } : {}),
    extension,
    locale: 'en-US',
    timezone: 'UTC',
  };
}

export async function invokeResolver<T = unknown>(handler: ResolverHandler, functionKey: string, context: InvocationContext, payload: unknown = {}): Promise<T> {
  currentForgeRuntime().actAsUser(context.accountId);
  return (await handler(
    { call: { functionKey, payload }, context: forgeModuleContext(context) },
    context.accountId ? { principal: { accountId: context.accountId } } : {},
  )) as T;
}
