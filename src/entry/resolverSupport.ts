import type { Request } from '@forge/resolver';
import { z } from 'zod';
import { toFieldErrors, type ResolverError, type ResolverErrorCode, type ResolverResult } from '../contract';
import { JiraError, JiraForbiddenError, JiraNotFoundError, retryLater } from '../jira/errors';
import { describeError, log } from '../log';

/**
 * What the panel and admin resolvers share: reading the invocation context, refusing modules that
 * may not call a resolver, and turning failures into the contract's error answers. The context
 * comes from the platform and is trusted for authorisation; the payload comes from the browser
 * and is not (https://developer.atlassian.com/platform/forge/app-context-security/).
 */

/** The parts of the resolver context the app reads (`@forge/resolver` passes it as `context`). */
const ResolverContext = z.looseObject({
  moduleKey: z.string().optional(),
  accountId: z.string().optional(),
  extension: z
    .looseObject({
      issue: z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), key: z.string().optional() }).optional(),
    })
    .optional(),
});

export type ResolverContext = z.infer<typeof ResolverContext>;

export interface ResolverCall {
  functionKey: string;
  context: ResolverContext;
}

/** Reads the context and checks that the calling module may use this function's resolvers. */
export function admitCall(functionKey: string, request: Request, allowedModules: readonly string[]): ResolverCall | ResolverResult<never> {
  const context = ResolverContext.safeParse(request.context);
  const moduleKey = context.success ? context.data.moduleKey : undefined;
  if (!context.success || moduleKey === undefined || !allowedModules.includes(moduleKey)) {
    log('warn', { event: 'resolver-call', functionKey, ...(moduleKey ? { moduleKey } : {}), decision: 'refused-module' });
    return failure('forbidden', 'This resolver cannot be called from this part of Jira.');
  }
  return { functionKey, context: context.data };
}

export function isRefusal(admitted: ResolverCall | ResolverResult<never>): admitted is ResolverResult<never> {
  return 'ok' in admitted;
}

/** The issue the resolver runs for, from the context only (never from the payload). */
export function issueIdOf(context: ResolverContext): string | undefined {
  const id = context.extension?.issue?.id;
  return id !== undefined && /^\d+$/.test(id) ? id : undefined;
}

export function ok<T>(data: T): ResolverResult<T> {
  return { ok: true, data };
}

export function failure(code: ResolverErrorCode, message: string, extra: Omit<ResolverError, 'code' | 'message'> = {}): ResolverResult<never> {
  return { ok: false, error: { code, message, ...extra } };
}

export function invalidPayload(error: z.ZodError): ResolverResult<never> {
  return failure('invalid-request', 'The request is not valid.', { fieldErrors: toFieldErrors(error) });
}

/** Maps a failure of a resolver's work to the contract's error; unexpected errors are rethrown after logging. */
export function failureFor(error: unknown, call: ResolverCall, issueId?: string): ResolverResult<never> {
  const fields = { event: 'resolver-call', functionKey: call.functionKey, ...(call.context.moduleKey ? { moduleKey: call.context.moduleKey } : {}), ...(issueId ? { issueId } : {}) };
  if (error instanceof JiraNotFoundError) {
    log('info', { ...fields, decision: 'not-found' });
    return failure('not-found', 'The issue does not exist, or you do not have permission to see it.');
  }
  if (error instanceof JiraForbiddenError) {
    log('info', { ...fields, decision: 'forbidden', error: describeError(error) });
    return failure('forbidden', 'You do not have permission to do this in Jira.');
  }
  const retry = retryLater(error);
  if (retry) {
    log('warn', { ...fields, decision: 'jira-unavailable', retryAfterSeconds: retry.retryAfterSeconds, retryReason: retry.reason });
    return failure('jira-unavailable', 'Jira is busy right now. Try again shortly.', { retryAfterSeconds: retry.retryAfterSeconds });
  }
  log('error', { ...fields, decision: 'failed', error: describeError(error) });
  if (error instanceof JiraError) return failure('jira-error', 'Jira refused the request.');
  throw error;
}
