import { extensionAri, type AppIdentity } from '../appIdentity';
import type { Principal } from '../principal';
import { adfPlainText } from './adfText';
import type { JiraIssueEvent } from './events';
import type {
  AdfDocument,
  ChangelogItem,
  CustomField,
  CustomFieldSeed,
  EntityPropertyIndex,
  GlobalPermission,
  Issue,
  IssueSeed,
  IssueStatus,
  NamedRef,
  Project,
  ProjectPermission,
  ProjectSeed,
  User,
  UserSeed,
} from './model';

const ISSUE_TYPES: readonly NamedRef[] = [
  { id: '10001', name: 'Task' },
  { id: '10002', name: 'Bug' },
  { id: '10003', name: 'Story' },
];

const STATUSES: readonly IssueStatus[] = [
  { id: '10000', name: 'To Do', categoryKey: 'new' },
  { id: '3', name: 'In Progress', categoryKey: 'indeterminate' },
  { id: '10001', name: 'Done', categoryKey: 'done' },
];

/** The permissions the app's account holds in every project (its manifest scopes grant browsing and editing). */
const APP_PROJECT_PERMISSIONS: readonly ProjectPermission[] = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES'];

/** Changes to an issue's fields; `undefined` leaves a field alone. */
export interface IssueChanges {
  summary?: string;
  description?: AdfDocument | null;
  labels?: string[];
  components?: NamedRef[];
  customValues?: Map<string, unknown>;
}

export interface JiraStateOptions {
  app: AppIdentity;
  now: () => number;
  projects?: ProjectSeed[];
  users?: UserSeed[];
  customFields?: CustomFieldSeed[];
  entityProperties?: EntityPropertyIndex[];
  issues?: IssueSeed[];
}

export class JiraState {
  readonly app: AppIdentity;
  readonly now: () => number;
  readonly projects: Project[] = [];
  readonly users = new Map<string, User>();
  readonly customFields: CustomField[] = [];
  readonly entityProperties: EntityPropertyIndex[];
  readonly issues = new Map<string, Issue>();
  private nextIssueId = 10000;
  private nextProjectId = 10000;
  private nextComponentId = 10100;
  private nextFieldId = 10040;
  private nextChangelogId = 20000;

  constructor(options: JiraStateOptions) {
    this.app = options.app;
    this.now = options.now;
    this.entityProperties = options.entityProperties ?? [];
    options.projects?.forEach((seed) => this.addProject(seed));
    options.users?.forEach((seed) => this.addUser(seed));
    options.customFields?.forEach((seed) => this.addCustomField(seed));
    options.issues?.forEach((seed) => this.addIssue(seed));
  }

  addProject(seed: ProjectSeed): Project {
    const project: Project = {
      id: String(this.nextProjectId++),
      key: seed.key,
      name: seed.name ?? seed.key,
      labelsOnEditScreen: seed.labelsOnEditScreen ?? true,
      components: (seed.components ?? []).map((name) => ({ id: String(this.nextComponentId++), name })),
      nextIssueNumber: 1,
    };
    this.projects.push(project);
    return project;
  }

  addUser(seed: UserSeed): User {
    const user: User = { ...seed, administer: seed.administer ?? false, projects: seed.projects ?? {} };
    this.users.set(user.accountId, user);
    return user;
  }

  addCustomField(seed: CustomFieldSeed): CustomField {
    const numericId = this.nextFieldId++;
    const id = `customfield_${numericId}`;
    const appOwned = seed.moduleKey !== undefined;
    const field: CustomField = {
      id,
      numericId,
      // Forge fields are keyed `<app-id>__<environment type>__<module key>`; the app finds its field by the `__<moduleKey>` suffix.
      key: appOwned ? `${this.app.appId}__${this.app.environmentType}__${seed.moduleKey}` : id,
      name: seed.name,
      type: seed.type,
      list: seed.collection === 'list',
      ...(appOwned ? { moduleKey: seed.moduleKey } : {}),
      schemaCustom: appOwned
        ? extensionAri(this.app, seed.moduleKey as string)
        : `com.atlassian.jira.plugin.system.customfieldtypes:${seed.type === 'number' ? 'float' : seed.collection === 'list' ? 'labels' : 'textfield'}`,
    };
    this.customFields.push(field);
    return field;
  }

  /** Adds an issue directly (seeding), without events. */
  addIssue(seed: IssueSeed): Issue {
    const project = this.project(seed.project);
    if (!project) throw new Error(`Unknown project '${seed.project}' in issue seed`);
    const created = seed.created ?? this.now();
    const issue: Issue = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${project.nextIssueNumber++}`,
      projectId: project.id,
      summary: seed.summary,
      description: seed.description ?? null,
      labels: [...(seed.labels ?? [])],
      components: (seed.components ?? []).map((name) => this.component(project, name)),
      issueType: this.issueType(seed.issueType ?? 'Task'),
      status: this.status(seed.status ?? 'To Do'),
      ...(seed.reporter ? { reporter: seed.reporter } : {}),
      created,
      updated: seed.updated ?? created,
      customValues: new Map(),
      properties: new Map(Object.entries(seed.properties ?? {})),
    };
    for (const [name, value] of Object.entries(seed.customFields ?? {})) {
      const field = this.customField(name) ?? this.customFieldByName(name);
      if (!field) throw new Error(`Unknown custom field '${name}' in issue seed`);
      issue.customValues.set(field.id, value);
    }
    this.issues.set(issue.id, issue);
    return issue;
  }

  /** Creates an issue as a principal would through the REST API, returning the created event. */
  createIssue(seed: IssueSeed, actor: Principal): { issue: Issue; event: JiraIssueEvent } {
    const issue = this.addIssue({ ...seed, created: this.now(), updated: this.now(), ...(actorId(actor) ? { reporter: actorId(actor) } : {}) });
    return { issue, event: this.event('avi:jira:created:issue', issue, actor) };
  }

  /** Applies field changes as `actor`; returns the updated event, or nothing when no value changed. */
  changeIssue(issue: Issue, changes: IssueChanges, actor: Principal): JiraIssueEvent | undefined {
    const items: ChangelogItem[] = [];
    if (changes.summary !== undefined && changes.summary !== issue.summary) {
      items.push(jiraItem('summary', issue.summary, changes.summary));
      issue.summary = changes.summary;
    }
    if (changes.description !== undefined && JSON.stringify(changes.description) !== JSON.stringify(issue.description)) {
      items.push(jiraItem('description', adfPlainText(issue.description) || null, adfPlainText(changes.description) || null));
      issue.description = changes.description;
    }
    if (changes.labels !== undefined && !sameMembers(changes.labels, issue.labels)) {
      items.push(jiraItem('labels', issue.labels.join(' ') || null, changes.labels.join(' ') || null));
      issue.labels = [...changes.labels];
    }
    if (changes.components !== undefined && !sameMembers(changes.components.map((c) => c.id), issue.components.map((c) => c.id))) {
      items.push(...componentItems(issue.components, changes.components));
      issue.components = [...changes.components];
    }
    for (const [fieldId, value] of changes.customValues ?? []) {
      const field = this.customField(fieldId) as CustomField;
      const previous = issue.customValues.get(fieldId) ?? null;
      if (JSON.stringify(previous) === JSON.stringify(value)) continue;
      items.push(customItem(field, previous, value));
      if (value === null) issue.customValues.delete(fieldId);
      else issue.customValues.set(fieldId, value);
    }
    if (items.length === 0) return undefined;
    issue.updated = this.now();
    return { ...this.event('avi:jira:updated:issue', issue, actor), changelog: { id: String(this.nextChangelogId++), items } };
  }

  project(ref: string): Project | undefined {
    const lower = ref.toLowerCase();
    return this.projects.find((p) => p.key.toLowerCase() === lower || p.id === ref) ?? this.projects.find((p) => p.name.toLowerCase() === lower);
  }

  projectOf(issue: Issue): Project {
    return this.projects.find((p) => p.id === issue.projectId) as Project;
  }

  issue(idOrKey: string): Issue | undefined {
    if (/^\d+$/.test(idOrKey)) return this.issues.get(idOrKey);
    const upper = idOrKey.toUpperCase();
    return [...this.issues.values()].find((issue) => issue.key === upper);
  }

  customField(idOrKey: string): CustomField | undefined {
    return this.customFields.find((field) => field.id === idOrKey || field.key === idOrKey);
  }

  customFieldByName(name: string): CustomField | undefined {
    const lower = name.toLowerCase();
    return this.customFields.find((field) => field.name.toLowerCase() === lower);
  }

  component(project: Project, name: string): NamedRef {
    const component = project.components.find((c) => c.name.toLowerCase() === name.toLowerCase() || c.id === name);
    if (!component) throw new Error(`Unknown component '${name}' in project ${project.key}`);
    return component;
  }

  issueType(name: string): NamedRef {
    const type = ISSUE_TYPES.find((t) => t.name.toLowerCase() === name.toLowerCase() || t.id === name);
    if (!type) throw new Error(`Unknown issue type '${name}'`);
    return type;
  }

  findIssueType(ref: string): NamedRef | undefined {
    return ISSUE_TYPES.find((t) => t.name.toLowerCase() === ref.toLowerCase() || t.id === ref);
  }

  status(name: string): IssueStatus {
    const status = STATUSES.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!status) throw new Error(`Unknown status '${name}'`);
    return status;
  }

  hasProjectPermission(principal: Principal, permission: ProjectPermission, project: Project): boolean {
    if (principal.kind === 'app') return APP_PROJECT_PERMISSIONS.includes(permission);
    if (principal.kind === 'anonymous') return false;
    const user = this.users.get(principal.accountId);
    if (!user) return false;
    return [...(user.projects[project.key] ?? []), ...(user.projects['*'] ?? [])].includes(permission);
  }

  hasGlobalPermission(principal: Principal, permission: GlobalPermission): boolean {
    return permission === 'ADMINISTER' && principal.kind === 'user' && this.users.get(principal.accountId)?.administer === true;
  }

  canBrowse(principal: Principal, issue: Issue): boolean {
    return this.hasProjectPermission(principal, 'BROWSE_PROJECTS', this.projectOf(issue));
  }

  private event(eventType: JiraIssueEvent['eventType'], issue: Issue, actor: Principal): JiraIssueEvent {
    const project = this.projectOf(issue);
    const atlassianId = actorId(actor);
    return {
      eventType,
      selfGenerated: actor.kind === 'app',
      ...(atlassianId ? { atlassianId } : {}),
      issue: {
        id: issue.id,
        key: issue.key,
        fields: {
          summary: issue.summary,
          issuetype: { id: issue.issueType.id, name: issue.issueType.name },
          project: { id: project.id, key: project.key, name: project.name },
          status: { id: issue.status.id, name: issue.status.name },
          reporter: issue.reporter ? { accountId: issue.reporter } : null,
          assignee: null,
          created: jiraDateTime(issue.created),
          updated: jiraDateTime(issue.updated),
        },
      },
    };
  }
}

function actorId(actor: Principal): string | undefined {
  return actor.kind === 'anonymous' ? undefined : actor.accountId;
}

/** Jira's timestamp format, e.g. `2024-05-01T10:00:00.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

function jiraItem(field: string, fromString: string | null, toString: string | null): ChangelogItem {
  return { field, fieldId: field, fieldtype: 'jira', from: null, fromString, to: null, toString };
}

function componentItems(before: NamedRef[], after: NamedRef[]): ChangelogItem[] {
  const removed = before.filter((c) => !after.some((a) => a.id === c.id));
  const added = after.filter((c) => !before.some((b) => b.id === c.id));
  return [
    ...removed.map((c) => ({ field: 'Component', fieldId: 'components', fieldtype: 'jira' as const, from: c.id, fromString: c.name, to: null, toString: null })),
    ...added.map((c) => ({ field: 'Component', fieldId: 'components', fieldtype: 'jira' as const, from: null, fromString: null, to: c.id, toString: c.name })),
  ];
}

function customItem(field: CustomField, previous: unknown, next: unknown): ChangelogItem {
  const text = (value: unknown): string | null =>
    value === null || value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
  return { field: field.name, fieldId: field.id, fieldtype: 'custom', from: null, fromString: text(previous), to: null, toString: text(next) };
}
