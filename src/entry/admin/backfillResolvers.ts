import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import type { z } from 'zod';
import { backfillStatus, commandBackfill, estimateBackfill, startBackfill, type ControlDeps, type Refusal } from '../../backfill/control';
import type { JobCommand } from '../../backfill/jobState';
import { pushTicks } from '../../backfill/tickQueue';
import { loadConfig } from '../../config/store';
import {
  CancelBackfillRequest,
  EstimateBackfillRequest,
  GetBackfillStatusRequest,
  PauseBackfillRequest,
  ResumeBackfillRequest,
  StartBackfillRequest,
  type BackfillEstimateView,
  type BackfillStatusAnswer,
  type BackfillStatusView,
  type ResolverResult,
} from '../../contract';
import { log } from '../../log';
import type { InvocationClock } from '../invocation';
import { jiraClient } from '../invocation';
import { failure, failureFor, invalidPayload, isRefusal, ok, type ResolverCall } from '../resolverSupport';

/**
 * The admin page's backfill keys on the admin function: estimate, start, status, pause, resume and
 * cancel (src/backfill/control.ts). They are admitted like every admin key (the admin page only,
 * Jira administrators only, fail closed) before anything else; payloads are validated with the
 * contract's zod schemas. Jira calls (the estimate's approximate count) go out as the app, which
 * the permission check authorises: the backfill covers what the app can see.
 */
export interface BackfillResolverOptions {
  clock: () => InvocationClock;
  now: () => number;
  /** Pushes one resolver invocation may make; tests lower it to exercise the relay. */
  pushBudget?: number;
}

type Admit = (functionKey: string, request: Request, clock: InvocationClock) => Promise<ResolverCall | ResolverResult<never>>;

export function defineBackfillResolvers(resolver: Resolver, admit: Admit, options: BackfillResolverOptions): void {
  const deps = (): ControlDeps => ({ now: options.now, pushTicks, ...(options.pushBudget === undefined ? {} : { pushBudget: options.pushBudget }) });

  /** Admits the call and parses its payload, then runs `work`, turning Jira failures into the contract's errors. */
  function define<S extends z.ZodType, T>(functionKey: string, schema: S, work: (payload: z.infer<S>, clock: InvocationClock) => Promise<T | Refusal>): void {
    resolver.define(functionKey, async (request: Request): Promise<ResolverResult<T>> => {
      const clock = options.clock();
      const call = await admit(functionKey, request, clock);
      if (isRefusal(call)) return call;
      const payload = schema.safeParse(request.payload);
      if (!payload.success) return invalidPayload(payload.error);
      try {
        const answer = await work(payload.data, clock);
        if (isControlRefusal(answer)) {
          log('info', { event: 'resolver-call', functionKey, decision: 'backfill-refused' });
          return 'fieldErrors' in answer ? failure('invalid-request', 'The request is not valid.', { fieldErrors: answer.fieldErrors }) : failure('invalid-request', answer.refused);
        }
        return ok(answer);
      } catch (error) {
        return failureFor(error, call);
      }
    });
  }

  define('estimateBackfill', EstimateBackfillRequest, async ({ scope }, clock): Promise<BackfillEstimateView | Refusal> => estimateBackfill(scope, await loadConfig(), jiraClient('app', clock)));
  define('startBackfill', StartBackfillRequest, async (payload, clock): Promise<BackfillStatusView | Refusal> => startBackfill(payload, await loadConfig(), jiraClient('app', clock), deps()));
  define('getBackfillStatus', GetBackfillStatusRequest, async (): Promise<BackfillStatusAnswer> => ({ status: await backfillStatus(options.now()) }));
  const commands: Array<[string, z.ZodType, JobCommand]> = [
    ['pauseBackfill', PauseBackfillRequest, 'pause'],
    ['resumeBackfill', ResumeBackfillRequest, 'resume'],
    ['cancelBackfill', CancelBackfillRequest, 'cancel'],
  ];
  for (const [functionKey, schema, command] of commands) {
    define(functionKey, schema, (): Promise<BackfillStatusView | Refusal> => commandBackfill(command, deps()));
  }
}

function isControlRefusal(answer: unknown): answer is Refusal {
  return typeof answer === 'object' && answer !== null && ('refused' in answer || 'fieldErrors' in answer);
}
