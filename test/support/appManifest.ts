import { join } from 'node:path';
import { jiraModulesOf, readAppManifest, type AppManifest } from '../../sim/appManifest';
import type { JiraSimulatorOptions } from '../../sim/jira';
import { standardJira } from './jiraFixtures';

export { manifestModule } from '../../sim/appManifest';

const MANIFEST_PATH = join(__dirname, '..', '..', 'manifest.yml');

export function readManifest(): AppManifest {
  return readAppManifest(MANIFEST_PATH);
}

/** standardJira() with the manifest's custom fields (plus Jira's own Story Points) and entity property indexes. */
export function manifestJira(overrides: Partial<JiraSimulatorOptions> = {}): JiraSimulatorOptions {
  const { customFields, entityProperties } = jiraModulesOf(readManifest());
  return standardJira({ customFields: [...customFields, { name: 'Story Points', type: 'number' }], entityProperties, ...overrides });
}
