import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { forgeError, type WireReply } from './wire';

/**
 * An in-process Forge async events queue. It answers the requests @forge/events 3 sends through
 * `__forge_fetch__` (`/webhook/queue/publish|stats|cancel/...`, see
 * `node_modules/@forge/events/out/queries.js`) and delivers the pushed events to a registered
 * consumer the way the platform does (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/):
 * at least once, in no particular order, after `delayInSeconds`, retried up to 4 times when the
 * consumer returns an `InvocationError` (`{_retry: true, retryOptions}`), with `retryContext`.
 * Limits: 50 events and 200 KB per push (checked by @forge/events itself), 500 events per minute
 * per installation, and the cyclic invocation limit: at most 1,000 push requests across all the
 * consumers that descend from one initial invocation (a resolver, trigger or test pushing outside
 * any consumer), answered 405 as @forge/events expects (InvocationLimitReachedError;
 * https://developer.atlassian.com/platform/forge/limits-async-events/). The lineage of a push is
 * followed through the consumer's async context.
 *
 * Time is either simulated (deliveries happen inside `runUntilIdle()`, which jumps the clock to
 * the next due event) or real (deliveries run on timers).
 *
 * It also runs the app's scheduled triggers (`scheduledTrigger`,
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/) on
 * the same clock, each run an initial invocation: in simulated time they fire while events are
 * pending (`runUntilIdle()` does not wait for them alone) and `fireNextTrigger()` fires the next
 * one; in real time they run on an interval.
 */

const MAX_RETRIES = 4;
const EVENTS_PER_MINUTE = 500;
const MINUTE_MS = 60_000;
const MAX_DELIVERIES_PER_RUN = 100_000;
const CYCLIC_INVOCATION_LIMIT = 1_000;

export interface QueueEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
}

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData?: unknown;
}

/** What a consumer function receives, as in `AsyncEvent` of @forge/events. */
export interface DeliveredEvent extends QueueEvent {
  retryContext?: RetryContext;
}

export type QueueConsumer = (event: DeliveredEvent, context: { installContext: string }) => unknown;

export interface PushRecord {
  queueName: string;
  jobId: string;
  events: QueueEvent[];
  at: number;
}

export type DeliveryOutcome = 'success' | 'retry-requested' | 'failed';

export interface DeliveryRecord {
  queueName: string;
  jobId: string;
  eventId: string;
  /** 1 for the first delivery, then 2, 3... for retries; redeliveries repeat the attempt number of the original. */
  attempt: number;
  redelivery: boolean;
  outcome: DeliveryOutcome;
  at: number;
  retryAfterSeconds?: number;
  error?: string;
}

export interface InProcessQueueOptions {
  /** `simulated` (default): deliveries happen in `runUntilIdle()`; `real`: on timers. */
  time?: 'simulated' | 'real';
  /** Fraction (0..1) of successful deliveries that are delivered once more, as at-least-once delivery allows. */
  redeliverFraction?: number;
  random?: () => number;
  installContext?: string;
  /** Start of the simulated clock (ms since epoch). */
  startAt?: number;
}

interface PendingDelivery {
  event: QueueEvent;
  dueAt: number;
  attempt: number;
  redelivery: boolean;
  retryContext?: RetryContext;
  timer?: NodeJS.Timeout;
}

export type ScheduledHandler = () => unknown;

interface ScheduledTrigger {
  intervalMs: number;
  handler: ScheduledHandler;
  nextAt: number;
  timer?: NodeJS.Timeout;
}

interface JobStats {
  queueName: string;
  events: number;
  success: number;
  failed: number;
}

export class InProcessQueue {
  readonly pushes: PushRecord[] = [];
  readonly deliveries: DeliveryRecord[] = [];
  private readonly consumers = new Map<string, QueueConsumer>();
  private readonly pending = new Set<PendingDelivery>();
  private readonly jobs = new Map<string, JobStats>();
  private readonly acceptedAt: Array<{ at: number; count: number }> = [];
  /** The initial invocation each event descends from, and the push requests made under each. */
  private readonly rootOfEvent = new Map<string, string>();
  private readonly pushesByRoot = new Map<string, number>();
  private readonly lineage = new AsyncLocalStorage<{ rootId: string }>();
  private readonly triggers: ScheduledTrigger[] = [];
  private readonly mode: 'simulated' | 'real';
  private readonly redeliverFraction: number;
  private readonly random: () => number;
  private readonly installContext: string;
  private simulatedNow: number;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private realTimeFailure: unknown;

  constructor(options: InProcessQueueOptions = {}) {
    this.mode = options.time ?? 'simulated';
    this.redeliverFraction = options.redeliverFraction ?? 0;
    this.random = options.random ?? Math.random;
    this.installContext = options.installContext ?? 'ari:cloud:jira::site/simulated';
    this.simulatedNow = options.startAt ?? Date.now();
  }

  now(): number {
    return this.mode === 'simulated' ? this.simulatedNow : Date.now();
  }

  /** Moves the simulated clock forward without delivering anything. */
  advance(ms: number): void {
    if (this.mode !== 'simulated') throw new Error('advance() needs a queue with simulated time');
    this.simulatedNow += ms;
  }

  consume(queueName: string, consumer: QueueConsumer): void {
    this.consumers.set(queueName, consumer);
  }

  /**
   * Registers a scheduled trigger firing every `intervalMs` (Forge's `fiveMinute` is 300,000) from
   * the current time. Returns a function that removes it.
   */
  scheduleTrigger(intervalMs: number, handler: ScheduledHandler): () => void {
    const trigger: ScheduledTrigger = { intervalMs, handler, nextAt: this.now() + intervalMs };
    this.triggers.push(trigger);
    if (this.mode === 'real') {
      trigger.timer = setInterval(() => {
        this.fire(trigger).catch((error: unknown) => {
          this.realTimeFailure ??= error;
        });
      }, intervalMs);
      trigger.timer.unref();
    }
    return () => {
      clearInterval(trigger.timer);
      this.triggers.splice(this.triggers.indexOf(trigger), 1);
    };
  }

  /** Simulated time: jumps the clock to the next scheduled trigger and fires it; false when none is registered. */
  async fireNextTrigger(): Promise<boolean> {
    if (this.mode !== 'simulated') throw new Error('fireNextTrigger() needs a queue with simulated time');
    const next = this.nextTrigger();
    if (!next) return false;
    this.simulatedNow = Math.max(this.simulatedNow, next.nextAt);
    await this.fire(next);
    return true;
  }

  /** Runs `work` as an initial invocation: every push it makes counts under one new lineage. */
  runAsInitialInvocation<T>(work: () => T): T {
    return this.lineage.run({ rootId: randomUUID() }, work);
  }

  /** Push requests made under each initial invocation (the cyclic invocation limit counts these). */
  pushesPerInitialInvocation(): number[] {
    return [...this.pushesByRoot.values()];
  }

  pendingEvents(queueName?: string): QueueEvent[] {
    return [...this.pending].filter((p) => queueName === undefined || p.event.queueName === queueName).map((p) => p.event);
  }

  /** Answers one @forge/events request (`path` as the package sends it, `body` parsed). */
  handle(path: string, body: unknown): WireReply {
    const request = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(request);
    if (path.startsWith('/webhook/queue/stats/')) return this.stats(request);
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(request);
    return forgeError(404, 'NOT_FOUND', `The queue simulator does not implement ${path}`);
  }

  /**
   * Simulated time: delivers every pending event (and whatever the consumers push meanwhile),
   * jumping the clock to each due time. Real time: waits until nothing is pending or running.
   */
  async runUntilIdle(): Promise<void> {
    if (this.mode === 'real') {
      if (this.pending.size > 0 || this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      if (this.realTimeFailure !== undefined) throw this.realTimeFailure;
      return;
    }
    for (let delivered = 0; this.pending.size > 0; delivered++) {
      if (delivered >= MAX_DELIVERIES_PER_RUN) throw new Error(`Queue did not settle after ${MAX_DELIVERIES_PER_RUN} deliveries`);
      const trigger = this.nextTrigger();
      if (trigger && trigger.nextAt <= Math.min(...[...this.pending].map((p) => p.dueAt))) {
        this.simulatedNow = Math.max(this.simulatedNow, trigger.nextAt);
        await this.fire(trigger);
        continue;
      }
      const next = this.pickDue();
      this.pending.delete(next);
      await this.deliver(next);
    }
  }

  private publish(request: Record<string, unknown>): WireReply {
    const { queueName, jobId, payload } = request;
    if (typeof queueName !== 'string' || typeof jobId !== 'string' || !Array.isArray(payload)) {
      return forgeError(400, 'INVALID_REQUEST', 'queueName, jobId and payload are required');
    }
    if (this.eventsInLastMinute() + payload.length > EVENTS_PER_MINUTE) {
      return forgeError(429, 'RATE_LIMIT_EXCEEDED', `More than ${EVENTS_PER_MINUTE} events per minute`);
    }
    const rootId = this.lineage.getStore()?.rootId ?? randomUUID();
    const pushes = (this.pushesByRoot.get(rootId) ?? 0) + 1;
    if (pushes > CYCLIC_INVOCATION_LIMIT) {
      return forgeError(405, 'INVOCATION_LIMIT_REACHED', `More than ${CYCLIC_INVOCATION_LIMIT} pushes descend from one initial invocation`);
    }
    this.pushesByRoot.set(rootId, pushes);
    const events = payload.map((item: Record<string, unknown>): QueueEvent => ({
      queueName,
      jobId,
      eventId: randomUUID(),
      body: item.body as Record<string, unknown>,
      ...(typeof item.delayInSeconds === 'number' ? { delayInSeconds: item.delayInSeconds } : {}),
      ...(item.concurrency ? { concurrency: item.concurrency as QueueEvent['concurrency'] } : {}),
    }));
    const at = this.now();
    this.acceptedAt.push({ at, count: events.length });
    this.pushes.push({ queueName, jobId, events, at });
    this.jobs.set(jobId, { queueName, events: events.length, success: 0, failed: 0 });
    for (const event of events) {
      this.rootOfEvent.set(event.eventId, rootId);
      this.schedule({ event, dueAt: at + (event.delayInSeconds ?? 0) * 1000, attempt: 1, redelivery: false });
    }
    return { status: 201, body: {} };
  }

  private stats(request: Record<string, unknown>): WireReply {
    const job = typeof request.jobId === 'string' ? this.jobs.get(request.jobId) : undefined;
    if (!job) return forgeError(404, 'JOB_NOT_FOUND', 'The job does not exist');
    return { status: 200, body: { success: job.success, failed: job.failed, inProgress: job.events - job.success - job.failed } };
  }

  private cancel(request: Record<string, unknown>): WireReply {
    const job = typeof request.jobId === 'string' ? this.jobs.get(request.jobId) : undefined;
    if (!job) return forgeError(404, 'JOB_NOT_FOUND', 'The job does not exist');
    for (const pending of [...this.pending].filter((p) => p.event.jobId === request.jobId)) {
      clearTimeout(pending.timer);
      this.pending.delete(pending);
      if (!pending.redelivery) job.failed += 1;
    }
    this.notifyIfIdle();
    return { status: 204 };
  }

  private nextTrigger(): ScheduledTrigger | undefined {
    return this.triggers.reduce<ScheduledTrigger | undefined>((earliest, trigger) => (!earliest || trigger.nextAt < earliest.nextAt ? trigger : earliest), undefined);
  }

  private async fire(trigger: ScheduledTrigger): Promise<void> {
    trigger.nextAt += trigger.intervalMs;
    await this.runAsInitialInvocation(() => trigger.handler());
  }

  private eventsInLastMinute(): number {
    const since = this.now() - MINUTE_MS;
    return this.acceptedAt.filter((entry) => entry.at > since).reduce((sum, entry) => sum + entry.count, 0);
  }

  private schedule(delivery: PendingDelivery): void {
    this.pending.add(delivery);
    if (this.mode === 'real') {
      delivery.timer = setTimeout(() => {
        this.pending.delete(delivery);
        this.inFlight += 1;
        this.deliver(delivery)
          .catch((error: unknown) => {
            this.realTimeFailure ??= error;
          })
          .finally(() => {
            this.inFlight -= 1;
            this.notifyIfIdle();
          });
      }, Math.max(0, delivery.dueAt - Date.now()));
      delivery.timer.unref();
    }
  }

  private pickDue(): PendingDelivery {
    const earliest = Math.min(...[...this.pending].map((p) => p.dueAt));
    this.simulatedNow = Math.max(this.simulatedNow, earliest);
    const due = [...this.pending].filter((p) => p.dueAt <= this.simulatedNow);
    return due[Math.floor(this.random() * due.length)] ?? (due[0] as PendingDelivery);
  }

  private async deliver(delivery: PendingDelivery): Promise<void> {
    const { event } = delivery;
    const consumer = this.consumers.get(event.queueName);
    if (!consumer) throw new Error(`No consumer registered for queue '${event.queueName}'`);
    const job = this.jobs.get(event.jobId);
    const record = { queueName: event.queueName, jobId: event.jobId, eventId: event.eventId, attempt: delivery.attempt, redelivery: delivery.redelivery };
    let result: unknown;
    try {
      const rootId = this.rootOfEvent.get(event.eventId) ?? randomUUID();
      const delivered = { ...event, ...(delivery.retryContext ? { retryContext: delivery.retryContext } : {}) };
      result = await this.lineage.run({ rootId }, () => consumer(delivered, { installContext: this.installContext }));
    } catch (error) {
      this.deliveries.push({ ...record, outcome: 'failed', at: this.now(), error: error instanceof Error ? error.message : String(error) });
      if (job && !delivery.redelivery) job.failed += 1;
      return;
    }
    const retry = retryRequest(result);
    if (retry && delivery.attempt <= MAX_RETRIES) {
      this.deliveries.push({ ...record, outcome: 'retry-requested', at: this.now(), retryAfterSeconds: retry.retryAfter });
      this.schedule({
        event,
        dueAt: this.now() + retry.retryAfter * 1000,
        attempt: delivery.attempt + 1,
        redelivery: delivery.redelivery,
        retryContext: { retryCount: delivery.attempt, retryReason: retry.retryReason, retryData: retry.retryData },
      });
      return;
    }
    const outcome: DeliveryOutcome = retry ? 'failed' : 'success';
    this.deliveries.push({ ...record, outcome, at: this.now() });
    if (job && !delivery.redelivery) job[outcome === 'success' ? 'success' : 'failed'] += 1;
    if (outcome === 'success' && !delivery.redelivery && this.random() < this.redeliverFraction) {
      this.schedule({ event, dueAt: this.now(), attempt: delivery.attempt, redelivery: true });
    }
  }

  private notifyIfIdle(): void {
    if (this.pending.size > 0 || this.inFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

/** `InvocationError` and `QueueResponse.retry()` both serialise to `{_retry: true, retryOptions?}`. */
function retryRequest(result: unknown): { retryAfter: number; retryReason: string; retryData?: unknown } | undefined {
  if (typeof result !== 'object' || result === null || (result as { _retry?: unknown })._retry !== true) return undefined;
  const options = (result as { retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } }).retryOptions;
  return {
    retryAfter: options?.retryAfter ?? 1,
    retryReason: options?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
    ...(options?.retryData === undefined ? {} : { retryData: options.retryData }),
  };
}
