import { InvocationError, InvocationErrorCode, Queue, RateLimitError } from '@forge/events';
import { InProcessQueue, type DeliveredEvent } from '../../../sim/forge/queue';
import { currentForgeRuntime } from '../../../sim/forge/runtime';

/** These tests push through the real @forge/events Queue, which reaches InProcessQueue via the simulated runtime. */
const START = Date.UTC(2026, 0, 10);

function useQueue(options: ConstructorParameters<typeof InProcessQueue>[0] = {}): InProcessQueue {
  const queue = new InProcessQueue({ startAt: START, ...options });
  currentForgeRuntime().useStores({ queue });
  return queue;
}

describe('InProcessQueue through @forge/events', () => {
  it('records pushes and delivers every event to the consumer', async () => {
    const queue = useQueue();
    const received: DeliveredEvent[] = [];
    queue.consume('backfill', (event) => {
      received.push(event);
    });
    const { jobId } = await new Queue({ key: 'backfill' }).push([{ body: { issueId: '10000' } }, { body: { issueId: '10001' } }]);
    expect(queue.pushes).toEqual([{ queueName: 'backfill', jobId, at: START, events: [expect.objectContaining({ body: { issueId: '10000' } }), expect.objectContaining({ body: { issueId: '10001' } })] }]);
    expect(received).toEqual([]);
    await queue.runUntilIdle();
    expect(received.map((event) => event.body.issueId).sort()).toEqual(['10000', '10001']);
    expect(received.every((event) => event.jobId === jobId && event.queueName === 'backfill' && event.retryContext === undefined)).toBe(true);
    expect(await new Queue({ key: 'backfill' }).getJob(jobId).getStats()).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('honours delayInSeconds on the simulated clock and delivers in no fixed order', async () => {
    const queue = useQueue({ random: () => 0.99 });
    const deliveredAt: Array<[string, number]> = [];
    queue.consume('work', (event) => {
      deliveredAt.push([String(event.body.n), queue.now()]);
    });
    await new Queue({ key: 'work' }).push([{ body: { n: 'late' }, delayInSeconds: 60 }, { body: { n: 'a' } }, { body: { n: 'b' } }]);
    await queue.runUntilIdle();
    expect(deliveredAt).toEqual([
      ['b', START],
      ['a', START],
      ['late', START + 60_000],
    ]);
  });

  it('retries an event whose consumer returns InvocationError, with retryContext, up to 4 times', async () => {
    const queue = useQueue();
    const contexts: unknown[] = [];
    queue.consume('work', (event) => {
      contexts.push(event.retryContext);
      return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED });
    });
    const { jobId } = await new Queue({ key: 'work' }).push({ body: { n: 1 } });
    await queue.runUntilIdle();
    expect(contexts).toEqual([
      undefined,
      { retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' },
      { retryCount: 2, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' },
      { retryCount: 3, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' },
      { retryCount: 4, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' },
    ]);
    expect(queue.deliveries.map((d) => [d.attempt, d.outcome, d.at - START])).toEqual([
      [1, 'retry-requested', 0],
      [2, 'retry-requested', 30_000],
      [3, 'retry-requested', 60_000],
      [4, 'retry-requested', 90_000],
      [5, 'failed', 120_000],
    ]);
    expect(await new Queue({ key: 'work' }).getStats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });

  it('records a consumer that throws as failed without retrying it', async () => {
    const queue = useQueue();
    queue.consume('work', () => {
      throw new Error('boom');
    });
    await new Queue({ key: 'work' }).push({ body: {} });
    await queue.runUntilIdle();
    expect(queue.deliveries).toEqual([expect.objectContaining({ outcome: 'failed', error: 'boom', attempt: 1 })]);
  });

  it('delivers a fraction of events twice, as at-least-once delivery allows', async () => {
    const queue = useQueue({ redeliverFraction: 1 });
    const eventIds: string[] = [];
    queue.consume('work', (event) => {
      eventIds.push(event.eventId);
    });
    await new Queue({ key: 'work' }).push({ body: {} });
    await queue.runUntilIdle();
    expect(eventIds).toHaveLength(2);
    expect(eventIds[0]).toBe(eventIds[1]);
    expect(queue.deliveries.map((d) => d.redelivery)).toEqual([false, true]);
  });

  it('delivers events that consumers push while running', async () => {
    const queue = useQueue();
    const seen: number[] = [];
    queue.consume('chain', async (event) => {
      const n = Number(event.body.n);
      seen.push(n);
      if (n < 3) await new Queue({ key: 'chain' }).push({ body: { n: n + 1 } });
    });
    await new Queue({ key: 'chain' }).push({ body: { n: 1 } });
    await queue.runUntilIdle();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('refuses more than 500 events a minute per installation', async () => {
    const queue = useQueue();
    const fifty = Array.from({ length: 50 }, (_, i) => ({ body: { i } }));
    for (let i = 0; i < 10; i++) await new Queue({ key: 'work' }).push(fifty);
    await expect(new Queue({ key: 'work' }).push({ body: {} })).rejects.toBeInstanceOf(RateLimitError);
    queue.advance(60_000);
    await expect(new Queue({ key: 'work' }).push({ body: {} })).resolves.toEqual({ jobId: expect.any(String) });
  });

  it('cancels a job’s pending events', async () => {
    const queue = useQueue();
    const queueClient = new Queue({ key: 'work' });
    const { jobId } = await queueClient.push([{ body: {} }, { body: {} }]);
    await queueClient.cancel(jobId);
    expect(queue.pendingEvents()).toEqual([]);
    expect(await queueClient.getStats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 2 });
  });

  it('delivers on timers in real-time mode', async () => {
    const queue = useQueue({ time: 'real' });
    const received: unknown[] = [];
    queue.consume('work', (event) => {
      received.push(event.body);
    });
    await new Queue({ key: 'work' }).push({ body: { n: 1 } });
    await queue.runUntilIdle();
    expect(received).toEqual([{ n: 1 }]);
  });
});
