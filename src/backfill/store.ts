import { kvs, WhereConditions } from '@forge/kvs';
import type { z } from 'zod';
import { log } from '../log';
import { ChainRecord, JobRecord, PaceRecord, type TickBody } from './records';

/**
 * The backfill's records in the app's Key-Value Store
 * (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic/). Keys:
 * `backfill:job` (the current job), `backfill:chain:<jobId>:<index>`, `backfill:pace:<jobId>`, and
 * `backfill:claim:<jobId>:<index>:<generation>:<seq>` (one per step of a chain, set only if absent,
 * so a tick the queue delivers twice runs once; kept a day). A record that fails validation is logged and
 * read as missing: the job stops rather than act on a record it does not understand.
 */
const JOB_KEY = 'backfill:job';
const CLAIM_TTL = { value: 1, unit: 'DAYS' } as const;
/** KVS query pages hold at most 20 entries (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query/). */
const QUERY_PAGE = 20;

const chainKey = (jobId: string, index: number) => `backfill:chain:${jobId}:${index}`;
const chainPrefix = (jobId: string) => `backfill:chain:${jobId}:`;
const paceKey = (jobId: string) => `backfill:pace:${jobId}`;
const claimKey = (tick: TickBody) => `backfill:claim:${tick.jobId}:${tick.chain}:${tick.generation}:${tick.seq}`;

export async function loadJob(): Promise<JobRecord | undefined> {
  return parsed(JobRecord, await kvs.get<unknown>(JOB_KEY), JOB_KEY);
}

export async function saveJob(job: JobRecord): Promise<void> {
  await kvs.set(JOB_KEY, job);
}

export async function loadChain(jobId: string, index: number): Promise<ChainRecord | undefined> {
  const key = chainKey(jobId, index);
  return parsed(ChainRecord, await kvs.get<unknown>(key), key);
}

/** Every chain of the job, in index order. */
export async function loadChains(jobId: string): Promise<ChainRecord[]> {
  const chains: ChainRecord[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(chainPrefix(jobId))).limit(QUERY_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    for (const entry of page.results) {
      const chain = parsed(ChainRecord, entry.value, entry.key);
      if (chain) chains.push(chain);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return chains.sort((a, b) => a.index - b.index);
}

export async function saveChains(chains: readonly ChainRecord[]): Promise<void> {
  if (chains.length === 0) return;
  const result = await kvs.batchSet(chains.map((chain) => ({ key: chainKey(chain.jobId, chain.index), value: chain })));
  if (result.failedKeys.length > 0) throw new Error(`Storing backfill chains failed: ${result.failedKeys.map((failure) => failure.error.code).join(', ')}`);
}

export async function saveChain(chain: ChainRecord): Promise<void> {
  await kvs.set(chainKey(chain.jobId, chain.index), chain);
}

export async function loadPace(jobId: string): Promise<PaceRecord | undefined> {
  const key = paceKey(jobId);
  return parsed(PaceRecord, await kvs.get<unknown>(key), key);
}

export async function savePace(pace: PaceRecord): Promise<void> {
  await kvs.set(paceKey(pace.jobId), pace);
}

/** Removes a finished job's chains and pace (its claims expire on their own). */
export async function deleteJobRecords(jobId: string): Promise<void> {
  const chains = await loadChains(jobId);
  const keys = [...chains.map((chain) => chainKey(jobId, chain.index)), paceKey(jobId)];
  await kvs.batchDelete(keys.map((key) => ({ key })));
}

/**
 * Claims a step of a chain for `owner`: true for the first claim, false when the step is taken. A
 * tick claims its step with its event id; the relay claims a step for the tick it queues, with a
 * reservation token.
 */
export async function claimTick(tick: TickBody, owner: string): Promise<boolean> {
  return setIfAbsent(claimKey(tick), { owner });
}

/** For a relay's tick: true once, for the first delivery, when the relay's reservation holds the step. */
export async function takeReservedTick(tick: TickBody & { reservation: string }): Promise<boolean> {
  const claim = await kvs.get<{ owner?: unknown }>(claimKey(tick));
  if (claim?.owner !== tick.reservation) return false;
  return setIfAbsent(`${claimKey(tick)}:run`, { owner: tick.reservation });
}

/** True once per wait of a relay's tick, so a redelivered waiting tick does not queue itself twice. */
export async function claimWait(tick: TickBody, waits: number): Promise<boolean> {
  return setIfAbsent(`${claimKey(tick)}:wait:${waits}`, { owner: tick.reservation ?? '' });
}

async function setIfAbsent(key: string, value: unknown): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ttl: CLAIM_TTL });
    return true;
  } catch (error) {
    if (isKeyExists(error)) return false;
    throw error;
  }
}

function isKeyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'KEY_ALREADY_EXISTS';
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, key: string): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  log('error', { event: 'backfill-record-invalid', decision: 'ignored', storageKey: key, invalidPaths: result.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)') });
  return undefined;
}
