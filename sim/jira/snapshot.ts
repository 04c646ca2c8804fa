import type { IssueSeed, ProjectSeed } from './model';
import type { JiraState } from './state';

/**
 * The simulator's issues and projects as plain seeds, so a long-lived simulator (the sandbox) can
 * be saved to disk and started again with the same data. Issues are listed in creation order and
 * the simulator numbers ids and keys in that order, so a restart gives every issue its old id and
 * key (`checkRestoredKeys` verifies it). Custom field values are keyed by field name, which stays
 * put when the manifest adds or reorders fields.
 */
export interface JiraSnapshot {
  projects: ProjectSeed[];
  issues: Array<IssueSeed & { key: string }>;
}

export function snapshotJira(state: JiraState): JiraSnapshot {
  const projects = state.projects.map((project) => ({
    key: project.key,
    name: project.name,
    labelsOnEditScreen: project.labelsOnEditScreen,
    components: project.components.map((component) => component.name),
  }));
  const issues = [...state.issues.values()]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((issue) => ({
      key: issue.key,
      project: state.projectOf(issue).key,
      summary: issue.summary,
      description: issue.description,
      labels: [...issue.labels],
      components: issue.components.map((component) => component.name),
      issueType: issue.issueType.name,
      status: issue.status.name,
      ...(issue.reporter ? { reporter: issue.reporter } : {}),
      created: issue.created,
      updated: issue.updated,
      properties: Object.fromEntries(issue.properties),
      customFields: Object.fromEntries([...issue.customValues].map(([fieldId, value]) => [state.customField(fieldId)?.name ?? fieldId, value])),
    }));
  return { projects, issues };
}

/** Throws when a restored simulator numbered an issue differently from the snapshot (a snapshot edited by hand). */
export function checkRestoredKeys(state: JiraState, snapshot: JiraSnapshot): void {
  const restored = [...state.issues.values()].sort((a, b) => Number(a.id) - Number(b.id));
  snapshot.issues.forEach((seed, index) => {
    const key = restored[index]?.key;
    if (key !== seed.key) throw new Error(`issue ${index + 1} of the snapshot is ${seed.key} but was restored as ${key ?? 'nothing'}: the issues are not in creation order`);
  });
}
