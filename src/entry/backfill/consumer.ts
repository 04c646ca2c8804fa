import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { runTick, TickPushError } from '../../backfill/engine';
import { TickBody } from '../../backfill/records';
import { pushTicks, type PushTicks } from '../../backfill/tickQueue';
import { loadConfig } from '../../config/store';
import { JiraClient } from '../../jira/client';
import { describeError, log } from '../../log';
import { platformBackfillClock, type BackfillClockFactory } from './clock';

/**
 * The backfill queue's `consumer` function: one tick of one chain per event (src/backfill/engine.ts).
 * Jira calls go out as the app and are never retried in the invocation (a 429 or 5xx reschedules
 * the tick with `delayInSeconds`). When queuing the next tick fails, the handler RETURNS an
 * InvocationError so the platform delivers the event again and the tick pushes again
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/); any other
 * failure is thrown, and the relay restarts the chain from its checkpoint once it is silent.
 */
export interface BackfillConsumerOptions {
  clock?: BackfillClockFactory;
  pushTicks?: PushTicks;
  random?: () => number;
}

/** Forge's queue rate limit is per minute (https://developer.atlassian.com/platform/forge/limits-async-events/). */
export const PUSH_RETRY_AFTER_SECONDS = 60;

const DeliveredTick = z.looseObject({
  body: TickBody,
  eventId: z.string().min(1),
  retryContext: z.looseObject({ retryCount: z.number().int().nonnegative() }).optional(),
});

export function createBackfillConsumer({ clock = platformBackfillClock, pushTicks: push = pushTicks, random }: BackfillConsumerOptions = {}) {
  return async function handleBackfillEvent(event: unknown): Promise<InvocationError | undefined> {
    const parsed = DeliveredTick.safeParse(event);
    if (!parsed.success) {
      log('warn', { event: 'backfill-tick', decision: 'skipped-invalid-payload', invalidPaths: parsed.error.issues.map((issue) => issue.path.join('.')) });
      return undefined;
    }
    const { body: tick, eventId, retryContext } = parsed.data;
    const fields = { event: 'backfill-tick', jobId: tick.jobId, chain: tick.chain, generation: tick.generation, seq: tick.seq, ...(retryContext ? { retryCount: retryContext.retryCount } : {}) };
    const invocation = clock();
    const client = new JiraClient({ as: 'app', remainingTimeMs: invocation.remainingTimeMs, now: invocation.now, maxRetries: 0, ...(random ? { random } : {}) });
    try {
      const report = await runTick(
        { tick, eventId, retryCount: retryContext?.retryCount ?? 0 },
        { client, now: invocation.now, remainingTimeMs: invocation.remainingTimeMs, pushTicks: push, loadConfig },
      );
      log('info', { ...fields, decision: report.outcome, ...report.page, ...(report.delaySeconds === undefined ? {} : { delaySeconds: report.delaySeconds }) });
      return undefined;
    } catch (error) {
      if (error instanceof TickPushError) {
        log('warn', { ...fields, decision: 'retry-push', retryAfterSeconds: PUSH_RETRY_AFTER_SECONDS, error: describeError(error.cause) });
        return new InvocationError({ retryAfter: PUSH_RETRY_AFTER_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
      }
      log('error', { ...fields, decision: 'failed', error: describeError(error) });
      throw error;
    }
  };
}

export const handleBackfillEvent = createBackfillConsumer();
