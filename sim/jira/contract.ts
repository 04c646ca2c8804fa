import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * An independent definition of Jira's REST API, so the simulator cannot drift into agreeing with
 * the app's mistakes: the zod schemas of jira.js 6 (`dist/cloud/models/*.js`), which that library
 * generates from Atlassian's OpenAPI document. Every request body the simulator receives is checked
 * against the schema of its operation, and every answer it gives against the response schema.
 *
 * jira.js is ESM-only and exports no model subpaths, so the model files are required by absolute
 * path: Node ≥ 20.19 loads ES modules through `require`, and under jest the files are transformed
 * to CommonJS (see `transform` in jest.config.js). Only the few models used here are loaded, on
 * first use.
 */

interface ContractSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
}

interface ModelRef {
  file: string;
  schema: string;
  /** The body is an array of this model. */
  each?: boolean;
}

interface OperationContract {
  request?: ModelRef;
  response?: ModelRef;
}

const issueUpdateDetails: ModelRef = { file: 'issueUpdateDetails', schema: 'IssueUpdateDetailsSchema' };

/** Contracts by simulator operation (the route names in routes/index.ts). */
const CONTRACTS: Record<string, OperationContract> = {
  getIssue: { response: { file: 'issue', schema: 'IssueSchema' } },
  editIssue: { request: issueUpdateDetails },
  createIssue: { request: issueUpdateDetails, response: { file: 'createdIssue', schema: 'CreatedIssueSchema' } },
  listFields: { response: { file: 'fieldDetails', schema: 'FieldDetailsSchema', each: true } },
  setAppFieldValues: { request: { file: 'multipleCustomFieldValuesUpdateDetails', schema: 'MultipleCustomFieldValuesUpdateDetailsSchema' } },
  setAppFieldValue: { request: { file: 'customFieldValueUpdateDetails', schema: 'CustomFieldValueUpdateDetailsSchema' } },
  listIssuePropertyKeys: { response: { file: 'propertyKeys', schema: 'PropertyKeysSchema' } },
  getIssueProperty: { response: { file: 'entityProperty', schema: 'EntityPropertySchema' } },
  searchJqlPost: {
    request: { file: 'searchAndReconcileRequest', schema: 'SearchAndReconcileRequestSchema' },
    response: { file: 'searchAndReconcileResults', schema: 'SearchAndReconcileResultsSchema' },
  },
  searchJqlGet: { response: { file: 'searchAndReconcileResults', schema: 'SearchAndReconcileResultsSchema' } },
  approximateCount: {
    request: { file: 'jqlCountRequest', schema: 'JQLCountRequestSchema' },
    response: { file: 'jqlCountResults', schema: 'JQLCountResultsSchema' },
  },
  myPermissions: { response: { file: 'permissions', schema: 'PermissionsSchema' } },
  checkPermissions: {
    request: { file: 'bulkPermissionsRequest', schema: 'BulkPermissionsRequestSchema' },
    response: { file: 'bulkPermissionGrants', schema: 'BulkPermissionGrantsSchema' },
  },
  myself: { response: { file: 'dashboardUser', schema: 'DashboardUserSchema' } },
};

export interface ContractViolation {
  /** e.g. `jira.js MultipleCustomFieldValuesUpdateDetailsSchema` */
  contract: string;
  problems: string[];
}

export function checkRequestContract(operation: string, body: unknown): ContractViolation | undefined {
  const ref = CONTRACTS[operation]?.request;
  return ref && body !== undefined ? check(ref, body) : undefined;
}

export function checkResponseContract(operation: string, body: unknown): ContractViolation | undefined {
  const ref = CONTRACTS[operation]?.response;
  return ref && body !== undefined ? check(ref, body) : undefined;
}

export function describeViolation(violation: ContractViolation): string {
  return `The body does not match the ${violation.contract} contract: ${violation.problems.join('; ')}`;
}

function check(ref: ModelRef, body: unknown): ContractViolation | undefined {
  const schema = loadSchema(ref);
  const items = ref.each ? (Array.isArray(body) ? body : [body]) : [body];
  const problems = items.flatMap((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) return [];
    return result.error.issues.map((issue) => {
      const at = [...(ref.each ? [index] : []), ...issue.path].map(String).join('.');
      return `${at || '(root)'}: ${issue.message}`;
    });
  });
  if (ref.each && !Array.isArray(body)) problems.unshift('(root): expected an array');
  return problems.length > 0 ? { contract: `jira.js ${ref.schema}`, problems } : undefined;
}

const requireFromHere = createRequire(__filename);
const loaded = new Map<string, ContractSchema>();

function loadSchema(ref: ModelRef): ContractSchema {
  const cached = loaded.get(ref.schema);
  if (cached) return cached;
  const modelsDir = path.join(path.dirname(requireFromHere.resolve('jira.js/package.json')), 'dist', 'cloud', 'models');
  const module = requireFromHere(path.join(modelsDir, `${ref.file}.js`)) as Record<string, ContractSchema | undefined>;
  const schema = module[ref.schema];
  if (!schema) throw new Error(`jira.js model ${ref.file} has no export ${ref.schema}`);
  loaded.set(ref.schema, schema);
  return schema;
}
