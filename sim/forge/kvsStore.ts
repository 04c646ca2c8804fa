import { forgeError, type WireReply } from './wire';

/**
 * An in-memory Forge Key-Value Store speaking the wire format of @forge/kvs 1.6
 * (`node_modules/@forge/kvs/out/storage-api.js`): every call is `POST /api/v1/<operation>` with a
 * JSON body; errors are `{code, message}`; a missing key is `KEY_NOT_FOUND`, which the client turns
 * into `undefined`.
 *
 * Error codes and key rules: https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs
 * (KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY, MAX_SIZE, MAX_DEPTH); values of at most 240 KiB
 * (https://developer.atlassian.com/platform/forge/limits-kvs-ce); query pages of 10 by default and
 * at most 20 (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query/).
 */

const MAX_KEY_LENGTH = 500;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_VALUE_DEPTH = 32;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_QUERY_LIMIT = 20;

const TTL_UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
type TtlUnit = keyof typeof TTL_UNIT_MS;

interface StoredEntry {
  key: string;
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

interface SetOptions {
  ttl?: { value: number; unit: TtlUnit };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
}

interface SetItem {
  key: string;
  value: unknown;
  entityName?: string;
  options?: SetOptions;
}

interface KeyItem {
  key: string;
  entityName?: string;
}

class KvsRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Namespace = string;
const PLAIN: Namespace = 'kv';
const SECRET: Namespace = 'secret';
const entityNamespace = (entityName: string): Namespace => `entity:${entityName}`;

export interface KvsStoreOptions {
  now?: () => number;
}

export class KvsStore {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly now: () => number;

  constructor(options: KvsStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Answers one @forge/kvs request: `path` is `/api/v1/...`, `body` the parsed JSON body. */
  handle(path: string, body: unknown): WireReply {
    try {
      return this.dispatch(path, body);
    } catch (error) {
      if (error instanceof KvsRequestError) return forgeError(error.status, error.code, error.message);
      throw error;
    }
  }

  /** The live (unexpired) plain keys and values, for test assertions. */
  snapshot(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [storageKey, entry] of this.entries) {
      if (storageKey.startsWith(`${PLAIN}\u0000`) && this.isLive(entry)) result[entry.key] = entry.value;
    }
    return result;
  }

  private dispatch(path: string, body: unknown): WireReply {
    switch (path) {
      case '/api/v1/get':
        return this.getOne(PLAIN, asKeyItem(body));
      case '/api/v1/set':
        return this.setOne(PLAIN, asSetItem(body));
      case '/api/v1/delete':
        return this.deleteOne(PLAIN, asKeyItem(body));
      case '/api/v1/query':
        return this.query(asRecord(body));
      case '/api/v1/batch/set':
        return this.batch(asArray(body).map(asSetItem), (item) => this.setOne(namespaceOf(item), item));
      case '/api/v1/batch/get':
        return this.batchGet(asArray(body).map((item) => ({ ...asKeyItem(item), metadataFields: metadataFieldsOf(asRecord(item)) })));
      case '/api/v1/batch/delete':
        return this.batch(asArray(body).map(asKeyItem), (item) => this.deleteOne(namespaceOf(item), item));
      case '/api/v1/secret/get':
        return this.getOne(SECRET, asKeyItem(body));
      case '/api/v1/secret/set':
        return this.setOne(SECRET, asSetItem(body));
      case '/api/v1/secret/delete':
        return this.deleteOne(SECRET, asKeyItem(body));
      case '/api/v1/entity/get':
        return this.getOne(namespaceOf(asKeyItem(body)), asKeyItem(body));
      case '/api/v1/entity/set':
        return this.setOne(namespaceOf(asSetItem(body)), asSetItem(body));
      case '/api/v1/entity/delete':
        return this.deleteOne(namespaceOf(asKeyItem(body)), asKeyItem(body));
      case '/api/v1/transaction':
        return this.transact(asRecord(body));
      default:
        throw new KvsRequestError(404, 'NOT_FOUND', `The KVS simulator does not implement ${path}`);
    }
  }

  private getOne(namespace: Namespace, item: KeyItem): WireReply {
    const entry = this.live(namespace, item.key);
    if (!entry) throw new KvsRequestError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return { status: 200, body: describe(entry) };
  }

  private setOne(namespace: Namespace, item: SetItem): WireReply {
    validateKey(item.key);
    validateValue(item.value);
    const previous = this.live(namespace, item.key);
    if (previous && item.options?.keyPolicy === 'FAIL_IF_EXISTS') {
      throw new KvsRequestError(409, 'KEY_ALREADY_EXISTS', 'Provided key already exists');
    }
    const now = this.now();
    const entry: StoredEntry = {
      key: item.key,
      value: item.value,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt: item.options?.ttl ? now + ttlMs(item.options.ttl) : undefined,
    };
    this.entries.set(storageKey(namespace, item.key), entry);
    if (item.options?.returnValue === 'LATEST') return { status: 200, body: describe(entry) };
    if (item.options?.returnValue === 'PREVIOUS' && previous) return { status: 200, body: describe(previous) };
    return { status: 204 };
  }

  private deleteOne(namespace: Namespace, item: KeyItem): WireReply {
    if (!this.live(namespace, item.key)) throw new KvsRequestError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    this.entries.delete(storageKey(namespace, item.key));
    return { status: 204 };
  }

  private query(body: Record<string, unknown>): WireReply {
    const limit = body.limit === undefined ? DEFAULT_QUERY_LIMIT : body.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw new KvsRequestError(400, 'INVALID_LIMIT', `limit must be an integer from 1 to ${MAX_QUERY_LIMIT}`);
    }
    const prefix = beginsWithPrefix(body.where);
    const after = typeof body.after === 'string' ? decodeCursor(body.after) : undefined;
    const matching = [...this.entries.entries()]
      .filter(([key, entry]) => key.startsWith(`${PLAIN}\u0000`) && this.isLive(entry))
      .map(([, entry]) => entry)
      .filter((entry) => entry.key.startsWith(prefix) && (after === undefined || entry.key > after))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = matching.slice(0, limit);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        data: page.map((entry) => describeWith(entry, metadataFieldsOf(body))),
        ...(matching.length > limit && last ? { cursor: encodeCursor(last.key) } : {}),
      },
    };
  }

  private batch<T extends KeyItem>(items: T[], apply: (item: T) => WireReply): WireReply {
    const successfulKeys: KeyItem[] = [];
    const failedKeys: Array<KeyItem & { error: { code: string; message: string } }> = [];
    for (const item of items) {
      try {
        apply(item);
        successfulKeys.push(keyOf(item));
      } catch (error) {
        if (!(error instanceof KvsRequestError)) throw error;
        failedKeys.push({ ...keyOf(item), error: { code: error.code, message: error.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(items: Array<KeyItem & { metadataFields: string[] }>): WireReply {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      const entry = this.live(namespaceOf(item), item.key);
      if (entry) successfulKeys.push({ ...describeWith(entry, item.metadataFields), ...keyOf(item) });
      else failedKeys.push({ ...keyOf(item), error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private transact(body: Record<string, unknown>): WireReply {
    const sets = body.set === undefined ? [] : asArray(body.set).map(asSetItem);
    const deletes = body.delete === undefined ? [] : asArray(body.delete).map(asKeyItem);
    const hasConditions = [...sets, ...deletes].some((item) => asRecord(item).conditions !== undefined);
    if (body.check !== undefined || hasConditions) {
      throw new KvsRequestError(400, 'UNSUPPORTED_BY_SIMULATOR', 'The KVS simulator does not evaluate entity conditions');
    }
    sets.forEach((item) => {
      validateKey(item.key);
      validateValue(item.value);
    });
    sets.forEach((item) => this.setOne(namespaceOf(item), item));
    deletes.forEach((item) => this.entries.delete(storageKey(namespaceOf(item), item.key)));
    return { status: 204 };
  }

  private live(namespace: Namespace, key: string): StoredEntry | undefined {
    const entry = this.entries.get(storageKey(namespace, key));
    return entry && this.isLive(entry) ? entry : undefined;
  }

  private isLive(entry: StoredEntry): boolean {
    return entry.expiresAt === undefined || entry.expiresAt > this.now();
  }
}

function storageKey(namespace: Namespace, key: string): string {
  return `${namespace}\u0000${key}`;
}

function namespaceOf(item: KeyItem): Namespace {
  return item.entityName === undefined ? PLAIN : entityNamespace(item.entityName);
}

function keyOf(item: KeyItem): KeyItem {
  return item.entityName === undefined ? { key: item.key } : { key: item.key, entityName: item.entityName };
}

function describe(entry: StoredEntry): Record<string, unknown> {
  return describeWith(entry, ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
}

/** Key and value plus the metadata fields asked for (`options.metadataFields`), as query and batch get answer. */
function describeWith(entry: StoredEntry, metadataFields: readonly string[]): Record<string, unknown> {
  return {
    key: entry.key,
    value: entry.value,
    ...(metadataFields.includes('CREATED_AT') ? { createdAt: entry.createdAt } : {}),
    ...(metadataFields.includes('UPDATED_AT') ? { updatedAt: entry.updatedAt } : {}),
    ...(metadataFields.includes('EXPIRE_TIME') && entry.expiresAt !== undefined ? { expireTime: new Date(entry.expiresAt).toISOString() } : {}),
  };
}

function metadataFieldsOf(record: Record<string, unknown>): string[] {
  const options = record.options;
  const fields = typeof options === 'object' && options !== null ? (options as { metadataFields?: unknown }).metadataFields : undefined;
  return Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string') : [];
}

function ttlMs(ttl: { value: number; unit: TtlUnit }): number {
  const unitMs = TTL_UNIT_MS[ttl.unit];
  if (!unitMs || !(ttl.value > 0)) throw new KvsRequestError(400, 'INVALID_TTL', 'ttl must have a positive value and a known unit');
  return ttl.value * unitMs;
}

function validateKey(key: string): void {
  if (key.length === 0) throw new KvsRequestError(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character');
  if (key.length > MAX_KEY_LENGTH) {
    throw new KvsRequestError(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters`);
  }
  if (!KEY_PATTERN.test(key)) throw new KvsRequestError(400, 'INVALID_KEY', `The provided key does not match ${KEY_PATTERN}`);
}

function validateValue(value: unknown): void {
  if (value === undefined) throw new KvsRequestError(400, 'INVALID_REQUEST', 'A value is required');
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES) {
    throw new KvsRequestError(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit');
  }
  if (depthOf(value) > MAX_VALUE_DEPTH) {
    throw new KvsRequestError(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_VALUE_DEPTH})`);
  }
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Object.values(value as Record<string, unknown>);
  return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child)), 0);
}

function beginsWithPrefix(where: unknown): string {
  if (where === undefined) return '';
  const clauses = asArray(where).map(asRecord);
  const clause = clauses[0];
  const prefix = clause?.values instanceof Array ? clause.values[0] : undefined;
  if (clauses.length !== 1 || clause?.property !== 'key' || clause.condition !== 'BEGINS_WITH' || typeof prefix !== 'string') {
    throw new KvsRequestError(400, 'INVALID_QUERY', 'Only where key BEGINS_WITH <string> is supported');
  }
  return prefix;
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KvsRequestError(400, 'INVALID_REQUEST', 'Expected a JSON object');
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new KvsRequestError(400, 'INVALID_REQUEST', 'Expected a JSON array');
  return value;
}

function asKeyItem(value: unknown): KeyItem {
  const record = asRecord(value);
  if (typeof record.key !== 'string') throw new KvsRequestError(400, 'INVALID_KEY', 'key must be a string');
  if (record.entityName !== undefined && typeof record.entityName !== 'string') {
    throw new KvsRequestError(400, 'INVALID_REQUEST', 'entityName must be a string');
  }
  return { key: record.key, entityName: record.entityName };
}

function asSetItem(value: unknown): SetItem {
  const record = asRecord(value);
  const options = record.options === undefined ? undefined : (asRecord(record.options) as SetOptions);
  return { ...asKeyItem(record), value: record.value, options };
}
