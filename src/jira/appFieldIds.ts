import { kvs } from '@forge/kvs';
import type { z } from 'zod';
import type { FieldList } from './schemas';

/**
 * Finding the ids (`customfield_NNNNN`) of the app's own `jira:customField` modules. Jira assigns
 * them per site, so the app looks them up in GET /rest/api/3/field: a Forge field's `key` ends with
 * `__<moduleKey>` and its `schema.custom` ends with `/static/<moduleKey>`
 * (`ari:cloud:ecosystem::extension/<app-id>/<env-id>/static/<moduleKey>`). The ids never change for
 * an installation, so they are cached in the app's storage (KVS is per installation).
 */

const CACHE_PREFIX = 'jira-field-id:';

export function matchAppFieldId(fields: z.infer<typeof FieldList>, moduleKey: string): string | undefined {
  return fields.find((field) => field.key?.endsWith(`__${moduleKey}`) || field.schema?.custom?.endsWith(`/static/${moduleKey}`))?.id;
}

export async function cachedAppFieldIds(moduleKeys: readonly string[]): Promise<Map<string, string>> {
  if (moduleKeys.length === 0) return new Map();
  const { successfulKeys } = await kvs.batchGet<string>(moduleKeys.map((moduleKey) => ({ key: CACHE_PREFIX + moduleKey })));
  return new Map(
    successfulKeys
      .filter((entry) => typeof entry.value === 'string')
      .map((entry) => [entry.key.slice(CACHE_PREFIX.length), entry.value]),
  );
}

export async function cacheAppFieldIds(ids: ReadonlyMap<string, string>): Promise<void> {
  if (ids.size === 0) return;
  await kvs.batchSet([...ids].map(([moduleKey, fieldId]) => ({ key: CACHE_PREFIX + moduleKey, value: fieldId })));
}
