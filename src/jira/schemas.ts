import { z } from 'zod';

/**
 * The parts of Jira's answers the app reads, validated at the boundary. Objects are loose: Jira
 * adds fields over time and the app ignores what it does not read.
 */

/** Error body: https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes */
export const JiraErrorBody = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

/** GET /rest/api/3/issue/{idOrKey} with the fields the detector reads. */
export const IssueResponse = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string(),
    description: z.unknown().optional(),
    labels: z.array(z.string()).optional(),
    components: z.array(z.looseObject({ name: z.string() })).optional(),
    project: z.looseObject({ id: z.string(), key: z.string() }),
    updated: z.string(),
  }),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** GET /rest/api/3/field */
export const FieldList = z.array(
  z.looseObject({
    id: z.string(),
    key: z.string().optional(),
    name: z.string().optional(),
    schema: z.looseObject({ custom: z.string().optional() }).optional(),
  }),
);

/** POST /rest/api/3/search/jql */
export const SearchResponse = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string().optional(), fields: z.record(z.string(), z.unknown()).optional() })),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** POST /rest/api/3/search/jql asking for the fields of IssueResponse. */
export const IssueSearchResponse = z.looseObject({
  issues: z.array(IssueResponse),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** POST /rest/api/3/search/approximate-count */
export const CountResponse = z.looseObject({ count: z.number() });

/** GET /rest/api/3/mypermissions */
export const PermissionsResponse = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});
