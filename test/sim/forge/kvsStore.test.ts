import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { KvsStore } from '../../../sim/forge/kvsStore';
import { currentForgeRuntime } from '../../../sim/forge/runtime';

/** These tests drive the real @forge/kvs through the simulated runtime into KvsStore. */
let now = Date.UTC(2026, 0, 10);
let store: KvsStore;

beforeEach(() => {
  now = Date.UTC(2026, 0, 10);
  store = new KvsStore({ now: () => now });
  currentForgeRuntime().useStores({ kvs: store });
});

async function kvsError(promise: Promise<unknown>): Promise<Pick<ForgeKvsAPIError, 'code' | 'message'> & { status: number }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as ForgeKvsAPIError | undefined;
  if (!error) throw new Error('the call succeeded');
  return { code: error.code, message: error.message, status: error.responseDetails.status };
}

describe('KvsStore through @forge/kvs', () => {
  it('sets, gets and deletes values; a missing key reads as undefined', async () => {
    await kvs.set('config:global', { threshold: 0.4, strategies: ['default'] });
    expect(await kvs.get('config:global')).toEqual({ threshold: 0.4, strategies: ['default'] });
    expect(store.snapshot()).toEqual({ 'config:global': { threshold: 0.4, strategies: ['default'] } });
    await kvs.delete('config:global');
    expect(await kvs.get('config:global')).toBeUndefined();
    await expect(kvs.delete('config:global')).resolves.toBeUndefined();
  });

  it('returns metadata and previous values when asked', async () => {
    await kvs.set('k', 1);
    now += 1000;
    const previous = await kvs.set('k', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'k', value: 1 });
    expect(await kvs.get('k', { metadataFields: ['CREATED_AT', 'UPDATED_AT'] as never })).toEqual({
      key: 'k',
      value: 2,
      createdAt: Date.UTC(2026, 0, 10),
      updatedAt: Date.UTC(2026, 0, 10) + 1000,
    });
  });

  it('queries by key prefix in key order, page by page with cursors', async () => {
    for (const key of ['job:3', 'job:1', 'other', 'job:2']) await kvs.set(key, key.toUpperCase());
    const first = await kvs.query().where('key', WhereConditions.beginsWith('job:')).limit(2).getMany();
    expect(first.results).toEqual([
      { key: 'job:1', value: 'JOB:1' },
      { key: 'job:2', value: 'JOB:2' },
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await kvs.query().where('key', WhereConditions.beginsWith('job:')).limit(2).cursor(first.nextCursor as string).getMany();
    expect(second).toEqual({ results: [{ key: 'job:3', value: 'JOB:3' }], nextCursor: undefined });
    expect((await kvs.query().getMany()).results.map((r) => r.key)).toEqual(['job:1', 'job:2', 'job:3', 'other']);
  });

  it('refuses query pages above 20 items', async () => {
    expect(await kvsError(kvs.query().limit(21).getMany())).toMatchObject({ status: 400, code: 'INVALID_LIMIT' });
  });

  it('sets and gets in batches, reporting missing keys as failed', async () => {
    const set = await kvs.batchSet([
      { key: 'a', value: 1 },
      { key: 'bad key!', value: 2 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'a' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad key!', error: { code: 'INVALID_KEY', message: expect.any(String) } }]);
    const got = await kvs.batchGet([{ key: 'a' }, { key: 'b' }]);
    expect(got.successfulKeys).toEqual([expect.objectContaining({ key: 'a', value: 1 })]);
    expect(got.failedKeys).toEqual([{ key: 'b', error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } }]);
  });

  it('validates keys and values with the documented error codes', async () => {
    expect(await kvsError(kvs.set('', 1))).toMatchObject({ status: 400, code: 'KEY_TOO_SHORT' });
    expect(await kvsError(kvs.set('k'.repeat(501), 1))).toMatchObject({ code: 'KEY_TOO_LONG' });
    expect(await kvsError(kvs.set('a/b', 1))).toMatchObject({ code: 'INVALID_KEY' });
    expect(await kvsError(kvs.set('big', 'x'.repeat(240 * 1024)))).toMatchObject({ code: 'MAX_SIZE' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 33; i++) deep = { deep };
    expect(await kvsError(kvs.set('deep', deep))).toMatchObject({ code: 'MAX_DEPTH' });
  });

  it('honours FAIL_IF_EXISTS and TTL', async () => {
    await kvs.set('lock', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvsError(kvs.set('lock', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }))).toMatchObject({ status: 409 });
    await kvs.set('session', 's', { ttl: { value: 5, unit: 'MINUTES' } });
    now += 4 * 60_000;
    expect(await kvs.get('session')).toBe('s');
    now += 60_000;
    expect(await kvs.get('session')).toBeUndefined();
  });

  it('keeps secrets apart from plain values and applies transactions', async () => {
    await kvs.setSecret('token', 'hidden');
    expect(await kvs.get('token')).toBeUndefined();
    expect(await kvs.getSecret('token')).toBe('hidden');
    await kvs.set('old', 1);
    await kvs.transact().set('new', 2).delete('old').execute();
    expect(store.snapshot()).toEqual({ new: 2 });
  });
});
