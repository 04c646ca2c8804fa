import { z } from 'zod';

/**
 * The Jira issue events the trigger subscribes to, as Forge delivers them
 * (https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-events): a thin
 * issue (id, key and a few fields, never the description or labels), the changelog on updates,
 * `selfGenerated` when the app's own edit caused the event, and `retryContext` when the platform
 * redelivers an event the app asked to retry. Only what the handler reads is validated; the rest
 * passes through.
 */
export const ISSUE_CREATED = 'avi:jira:created:issue';
export const ISSUE_UPDATED = 'avi:jira:updated:issue';

export const IssueEvent = z.looseObject({
  eventType: z.enum([ISSUE_CREATED, ISSUE_UPDATED]),
  selfGenerated: z.boolean().optional(),
  issue: z.looseObject({
    id: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String),
    key: z.string(),
    fields: z.looseObject({ project: z.looseObject({ key: z.string() }).optional() }).optional(),
  }),
  changelog: z
    .looseObject({
      items: z.array(
        z.looseObject({
          field: z.string().optional(),
          fieldId: z.string().optional(),
          fromString: z.string().nullish(),
          toString: z.string().nullish(),
        }),
      ),
    })
    .optional(),
  retryContext: z.looseObject({ retryCount: z.number().int().nonnegative() }).optional(),
});

export type IssueEvent = z.infer<typeof IssueEvent>;
