/** The Jira simulator's data: what a test seeds, and what the simulator keeps. */

export type ProjectPermission = 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'CREATE_ISSUES' | 'ADMINISTER_PROJECTS';
export type GlobalPermission = 'ADMINISTER';
export type PermissionKey = ProjectPermission | GlobalPermission;

export const PROJECT_PERMISSIONS: readonly ProjectPermission[] = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES', 'ADMINISTER_PROJECTS'];
export const GLOBAL_PERMISSIONS: readonly GlobalPermission[] = ['ADMINISTER'];

/** An Atlassian Document Format document (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface ProjectSeed {
  key: string;
  name?: string;
  /** Whether the edit screen has the Labels field; without it, setting labels answers 400. */
  labelsOnEditScreen?: boolean;
  components?: string[];
}

export interface UserSeed {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  /** Administer Jira (global). */
  administer?: boolean;
  /** Project key, or `*` for every project, to the project permissions the user holds there. */
  projects?: Record<string, ProjectPermission[]>;
}

export interface CustomFieldSeed {
  name: string;
  type: 'string' | 'number';
  collection?: 'list';
  /** The `jira:customField` module key when the field belongs to the app; other fields belong to Jira admins. */
  moduleKey?: string;
}

/** A `jira:entityProperty` module's index (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/). */
export interface EntityPropertyIndex {
  propertyKey: string;
  values: Array<{ path: string; type: 'string' | 'number' | 'text' | 'user' | 'date'; searchAlias?: string }>;
}

export interface IssueSeed {
  project: string;
  summary: string;
  description?: AdfDocument | null;
  labels?: string[];
  components?: string[];
  issueType?: string;
  status?: string;
  reporter?: string;
  /** ms since epoch */
  created?: number;
  updated?: number;
  properties?: Record<string, unknown>;
  /** Custom field values by field name or id. */
  customFields?: Record<string, unknown>;
}

export interface Project {
  id: string;
  key: string;
  name: string;
  labelsOnEditScreen: boolean;
  components: Array<{ id: string; name: string }>;
  nextIssueNumber: number;
}

export interface User {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  administer: boolean;
  projects: Record<string, ProjectPermission[]>;
}

export interface CustomField {
  id: string;
  numericId: number;
  key: string;
  name: string;
  type: 'string' | 'number';
  list: boolean;
  moduleKey?: string;
  /** `schema.custom` of GET /rest/api/3/field. */
  schemaCustom: string;
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface IssueStatus extends NamedRef {
  categoryKey: 'new' | 'indeterminate' | 'done';
}

export interface Issue {
  id: string;
  key: string;
  projectId: string;
  summary: string;
  description: AdfDocument | null;
  labels: string[];
  components: NamedRef[];
  issueType: NamedRef;
  status: IssueStatus;
  reporter?: string;
  created: number;
  updated: number;
  customValues: Map<string, unknown>;
  properties: Map<string, unknown>;
}

export interface ChangelogItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}
