import { InvocationLimitReachedError, Queue } from '@forge/events';
import { InProcessQueue } from '../../../sim/forge/queue';
import { currentForgeRuntime } from '../../../sim/forge/runtime';

/** The in-process queue's cyclic invocation limit and scheduled triggers, through the real @forge/events. */
const START = Date.UTC(2026, 0, 10);

function useQueue(): InProcessQueue {
  const queue = new InProcessQueue({ startAt: START });
  currentForgeRuntime().useStores({ queue });
  return queue;
}

describe('the cyclic invocation limit', () => {
  it('allows 1,000 pushes down one chain of consumers (a second apart, under 500 a minute) and refuses the next with InvocationLimitReachedError', async () => {
    const queue = useQueue();
    const refused: unknown[] = [];
    queue.consume('chain', async (event) => {
      try {
        await new Queue({ key: 'chain' }).push({ body: { n: Number(event.body.n) + 1 }, delayInSeconds: 1 });
      } catch (error) {
        refused.push(error);
      }
    });
    await new Queue({ key: 'chain' }).push({ body: { n: 1 } });
    await queue.runUntilIdle();
    expect(queue.pushesPerInitialInvocation()).toEqual([1_000]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(InvocationLimitReachedError);
  });

  it('counts pushes per initial invocation: a push outside any consumer, or a scheduled trigger, starts a new one', async () => {
    const queue = useQueue();
    queue.consume('work', async (event) => {
      if (event.body.fanOut) await new Queue({ key: 'work' }).push([{ body: {} }, { body: {} }]);
    });
    await new Queue({ key: 'work' }).push({ body: { fanOut: true } });
    await new Queue({ key: 'work' }).push({ body: {} });
    queue.scheduleTrigger(60_000, async () => {
      await new Queue({ key: 'work' }).push({ body: {} });
      await new Queue({ key: 'work' }).push({ body: {} });
    });
    await queue.fireNextTrigger();
    await queue.runUntilIdle();
    expect(queue.pushesPerInitialInvocation()).toEqual([2, 1, 2]);
  });
});

describe('scheduled triggers', () => {
  it('fire on the queue’s clock while events are pending, and on request when none are', async () => {
    const queue = useQueue();
    const fired: number[] = [];
    const delivered: number[] = [];
    queue.consume('late', () => void delivered.push(queue.now() - START));
    queue.scheduleTrigger(300_000, () => void fired.push(queue.now() - START));
    await new Queue({ key: 'late' }).push([{ body: {}, delayInSeconds: 900 }]);
    await queue.runUntilIdle();
    expect(fired).toEqual([300_000, 600_000, 900_000]);
    expect(delivered).toEqual([900_000]);
    await expect(queue.fireNextTrigger()).resolves.toBe(true);
    expect(fired.at(-1)).toBe(1_200_000);
  });

  it('can be removed', async () => {
    const queue = useQueue();
    const remove = queue.scheduleTrigger(1_000, () => undefined);
    remove();
    await expect(queue.fireNextTrigger()).resolves.toBe(false);
  });
});
