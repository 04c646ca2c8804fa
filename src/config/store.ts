import { kvs } from '@forge/kvs';
import { log } from '../log';
import { AdminConfigSchema, DEFAULT_ADMIN_CONFIG, type AdminConfig } from './schema';

/**
 * The admin configuration in the app's Key-Value Store (`@forge/kvs`, scope `storage:app`;
 * https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic/). One value
 * under a versioned key: a change of shape gets a new key (and a migration from the old one), so
 * an older value is never read as the new shape. Read per invocation, never cached in module
 * state, because warm Forge processes are reused across installations.
 */
export const CONFIG_KEY = 'config:v1';

/** The stored configuration; defaults when none is stored, or when the stored value is invalid (logged, never thrown). */
export async function loadConfig(): Promise<AdminConfig> {
  const stored = await kvs.get<unknown>(CONFIG_KEY);
  if (stored === undefined) return DEFAULT_ADMIN_CONFIG;
  const parsed = AdminConfigSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  log('error', {
    event: 'config-invalid',
    decision: 'using-defaults',
    invalidPaths: parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)'),
  });
  return DEFAULT_ADMIN_CONFIG;
}

/** Stores a configuration that AdminConfigSchema has already accepted. */
export async function saveConfig(config: AdminConfig): Promise<void> {
  await kvs.set(CONFIG_KEY, config);
}
