import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PATTERN_IDS } from '../src/analysis/types';
import { StoredSummarySchema } from '../src/issueSync/storedSummary';
import { ADMIN_MODULE_KEYS, ISSUE_PROPERTY_KEY, MODULE_KEYS, PANEL_MODULE_KEYS } from '../src/moduleKeys';
import { bundleForgeModule } from '../sim/forge/bundle';
import { ensureUiBuilt } from '../static/uiBuild';
import { manifestModule, readManifest } from './support/appManifest';

/**
 * manifest.yml: Forge's own offline validation and `@forge/lint`'s client-side linters (run by
 * test/support/forgeChecks.cjs), the handlers it names in the bundled module, and agreement with
 * the names the code uses.
 */
const ROOT = join(__dirname, '..');
const manifest = readManifest();

interface ForgeChecks {
  validation: { success: boolean; errors: unknown[] };
  lint: { available: false } | { available: true; linters: string[]; findings: string[] };
}

let checks: Promise<ForgeChecks> | undefined;

/** Runs test/support/forgeChecks.cjs once for the tests that need it (after building the Custom UI the resources point at). */
function forgeChecks(): Promise<ForgeChecks> {
  ensureUiBuilt();
  checks ??= promisify(execFile)(process.execPath, [join(__dirname, 'support', 'forgeChecks.cjs'), ROOT], { maxBuffer: 10 * 1024 * 1024 }).then(
    ({ stdout }) => JSON.parse(stdout) as ForgeChecks,
  );
  return checks;
}

it('passes the full offline validation of @forge/manifest (schema, module rules, resources, handler files)', async () => {
  const { validation } = await forgeChecks();
  expect(validation).toEqual({ success: true, errors: [] });
}, 120_000);

it('has no finding from @forge/lint’s client-side linters over manifest.yml and src/', async () => {
  const { lint } = await forgeChecks();
  if (!lint.available) {
    // CI installs what @forge/lint needs (.ci/run), so there a missing linter is a failure.
    if (process.env.CI) throw new Error('@forge/lint is not installed: the client-side linters cannot run.');
    console.warn('@forge/lint (an optional dependency) is not installed: the client-side linters were not run.');
    return;
  }
  expect(lint.linters).toEqual(expect.arrayContaining(['FullManifestLinter', 'HandlerLinter', 'PermissionsManifestLinter', 'StorageModulesLinter']));
  expect(lint.linters).not.toContain('PermissionLinter');
  expect(lint.findings).toEqual([]);
}, 120_000);

it('exports every handler it names from the bundled module, as Forge deploys it', async () => {
  const handlers = manifest.modules.function?.map((fn) => fn.handler as string) ?? [];
  expect(handlers.length).toBeGreaterThan(0);
  const bundle = await bundleForgeModule(join(ROOT, 'src', 'index.ts'));
  const loaded = jest.requireActual<Record<string, unknown>>(bundle.file);
  for (const handler of handlers) {
    const [file, exported] = handler.split('.') as [string, string];
    expect({ handler, file }).toEqual({ handler, file: 'index' });
    expect({ handler, type: typeof loaded[exported] }).toEqual({ handler, type: 'function' });
  }
});

it('runs on nodejs22.x with the minimal scopes and no egress', () => {
  expect(manifest.app.runtime.name).toBe('nodejs22.x');
  expect([...manifest.permissions.scopes].sort()).toEqual(['read:jira-work', 'storage:app', 'write:app-data:jira', 'write:jira-work']);
  expect(manifest.permissions).not.toHaveProperty('external');
});

it('subscribes to created and updated issues, ignoring the app’s own events', () => {
  expect(manifestModule(manifest, 'trigger', MODULE_KEYS.issueEvents)).toMatchObject({
    events: ['avi:jira:created:issue', 'avi:jira:updated:issue'],
    filter: { ignoreSelf: true },
  });
});

it('declares the two read-only fields and indexes the stored summary under the property key the code writes', () => {
  expect(manifestModule(manifest, 'jira:customField', MODULE_KEYS.patternsField)).toMatchObject({ type: 'string', collection: 'list', readOnly: true });
  expect(manifestModule(manifest, 'jira:customField', MODULE_KEYS.complexityField)).toMatchObject({ type: 'number', readOnly: true });
  const suggestions = manifestModule(manifest, 'jira:customField', MODULE_KEYS.patternsField).searchSuggestions as { expression: string };
  expect(JSON.parse(suggestions.expression)).toEqual([...PATTERN_IDS]);

  const index = manifestModule(manifest, 'jira:entityProperty', MODULE_KEYS.issueIndex);
  expect(index.propertyKey).toBe(ISSUE_PROPERTY_KEY);
  const values = index.values as Array<{ path: string; searchAlias: string }>;
  expect(values.map((value) => value.searchAlias)).toEqual(['integrationPattern', 'integrationComplexity', 'integrationConfidence']);
  for (const { path } of values) expect(Object.keys(StoredSummarySchema.shape)).toContain(path);
});

it('binds the panels to the panel function and the admin page to its own function', () => {
  const functionOf = (type: string, key: string) => (manifestModule(manifest, type, key).resolver as { function: string }).function;
  const panelFunctions = new Set([functionOf('jira:issuePanel', MODULE_KEYS.issuePanel), functionOf('jira:issueContext', MODULE_KEYS.issueContext)]);
  expect(panelFunctions.size).toBe(1);
  expect(panelFunctions.has(functionOf('jira:adminPage', MODULE_KEYS.adminPage))).toBe(false);
  expect(PANEL_MODULE_KEYS).toEqual([MODULE_KEYS.issuePanel, MODULE_KEYS.issueContext]);
  expect(ADMIN_MODULE_KEYS).toEqual([MODULE_KEYS.adminPage]);
  expect(manifestModule(manifest, 'jira:adminPage', MODULE_KEYS.adminPage)).toMatchObject({ useAsConfig: true });
  expect(manifestModule(manifest, 'jira:issuePanel', MODULE_KEYS.issuePanel)).toMatchObject({ viewportSize: expect.any(String), icon: expect.stringMatching(/^resource:icons;/) });
  for (const resource of manifest.resources) expect(existsSync(join(ROOT, resource.path, resource.key === 'icons' ? 'integration-radar.svg' : 'index.html'))).toBe(true);
});
