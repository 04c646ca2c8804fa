import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CustomFieldSeed, EntityPropertyIndex } from './jira/model';

/**
 * The app's manifest.yml read as data, so the Jira simulator is set up from the same
 * `jira:customField` and `jira:entityProperty` declarations Forge installs: a renamed field or
 * search alias in the manifest changes the simulator too, and tests using the old name fail.
 */
export type ManifestModule = Record<string, unknown> & { key: string };

export interface AppManifest {
  app: { id: string; runtime: { name: string } };
  permissions: { scopes: string[]; external?: unknown };
  modules: Record<string, ManifestModule[]>;
  resources: Array<{ key: string; path: string }>;
}

export function readAppManifest(path: string): AppManifest {
  return parse(readFileSync(path, 'utf8')) as AppManifest;
}

export function manifestModule(manifest: AppManifest, type: string, key: string): ManifestModule {
  const module = manifest.modules[type]?.find((candidate) => candidate.key === key);
  if (!module) throw new Error(`manifest.yml has no ${type} module '${key}'`);
  return module;
}

/** The app's custom fields and entity property indexes, as the simulator's seeds. */
export function jiraModulesOf(manifest: AppManifest): { customFields: CustomFieldSeed[]; entityProperties: EntityPropertyIndex[] } {
  return {
    customFields: (manifest.modules['jira:customField'] ?? []).map((module) => ({
      name: module.name as string,
      type: module.type as CustomFieldSeed['type'],
      ...(module.collection === 'list' ? { collection: 'list' as const } : {}),
      moduleKey: module.key,
    })),
    entityProperties: (manifest.modules['jira:entityProperty'] ?? []).map((module) => ({
      propertyKey: module.propertyKey as string,
      values: module.values as EntityPropertyIndex['values'],
    })),
  };
}
