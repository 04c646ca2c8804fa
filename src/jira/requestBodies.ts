/**
 * The JSON bodies the client sends, built by pure functions so that test/jira/contract.test.ts can
 * check them against jira.js's definition of Jira's API, both at compile time (assignability to its
 * TypeScript types) and at run time (its zod schemas). Body shapes are type aliases, not
 * interfaces, so they stay assignable to jira.js's open (index-signature) object types.
 */

/** POST /rest/api/3/app/field/value */
export type FieldValuesBody = {
  updates: Array<{ customField: string; issueIds: number[]; value: readonly string[] | number | null }>;
};

/** PUT /rest/api/3/issue/{id}: labels only through `update` operations, never `fields.labels`. */
export type EditIssueBody = {
  update?: { labels: Array<{ add: string } | { remove: string }> };
  properties?: Array<{ key: string; value: unknown }>;
};

/** POST /rest/api/3/search/jql */
export type SearchBody = {
  jql: string;
  fields: string[];
  maxResults?: number;
  nextPageToken?: string;
  properties?: string[];
};

/** POST /rest/api/3/search/approximate-count */
export type CountBody = {
  jql: string;
};

export interface FieldValueEntry {
  fieldId: string;
  issueIds: readonly number[];
  value: readonly string[] | number | null;
}

export function fieldValuesBody(entries: readonly FieldValueEntry[]): FieldValuesBody {
  return { updates: entries.map((entry) => ({ customField: entry.fieldId, issueIds: [...entry.issueIds], value: entry.value })) };
}

/** Undefined when the edit changes nothing. */
export function editIssueBody(edit: {
  addLabels?: readonly string[];
  removeLabels?: readonly string[];
  properties?: ReadonlyArray<{ key: string; value: unknown }>;
}): EditIssueBody | undefined {
  const labels = [...(edit.addLabels ?? []).map((label) => ({ add: label })), ...(edit.removeLabels ?? []).map((label) => ({ remove: label }))];
  const properties = (edit.properties ?? []).map(({ key, value }) => ({ key, value }));
  if (labels.length === 0 && properties.length === 0) return undefined;
  return {
    ...(labels.length > 0 ? { update: { labels } } : {}),
    ...(properties.length > 0 ? { properties } : {}),
  };
}

export function searchBody(request: { jql: string; fields: readonly string[]; maxResults?: number; nextPageToken?: string; properties?: readonly string[] }): SearchBody {
  return {
    jql: request.jql,
    fields: [...request.fields],
    ...(request.maxResults === undefined ? {} : { maxResults: request.maxResults }),
    ...(request.nextPageToken === undefined ? {} : { nextPageToken: request.nextPageToken }),
    ...(request.properties === undefined ? {} : { properties: [...request.properties] }),
  };
}

export function countBody(jql: string): CountBody {
  return { jql };
}
