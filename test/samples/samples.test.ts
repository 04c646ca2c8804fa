import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { z } from 'zod';
import { PATTERN_IDS, type PatternId } from '../../src/analysis/types';

const SAMPLES_DIR = join(__dirname, '..', '..', 'samples');

const ticketSchema = z
  .object({
    key: z.string().regex(/^[A-Z][A-Z0-9]+-\d+$/),
    project: z.string().min(1),
    summary: z.string().trim().min(1),
    description: z.string(),
    components: z.array(z.string().min(1)),
    labels: z.array(z.string().regex(/^\S+$/)),
    issuetype: z.enum(['Bug', 'Story', 'Task']),
    expected: z.array(z.enum(PATTERN_IDS)),
  })
  .strict();
type Ticket = z.infer<typeof ticketSchema>;

function readTicketLines(): string[] {
  return readFileSync(join(SAMPLES_DIR, 'tickets.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
}

function readTickets(): Ticket[] {
  return readTicketLines().map((line) => ticketSchema.parse(JSON.parse(line)));
}

/**
 * The ADF JSON schema shipped by @atlaskit/adf-schema declares draft-04 as its `$schema`, which Ajv 8
 * has no meta-schema for; it uses only keywords whose meaning is the same in later drafts, so the
 * meta-schema check is skipped rather than the schema rewritten.
 */
function compileAdfValidator() {
  const schemaPath = require.resolve('@atlaskit/adf-schema/dist/json-schema/v1/full.json');
  const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
  return new Ajv({ strict: false, validateSchema: false, allErrors: true }).compile(schema as object);
}

describe('samples/tickets.jsonl', () => {
  const tickets = readTickets();

  it('has one valid ticket per non-empty line', () => {
    expect(tickets.length).toBe(readTicketLines().length);
    expect(tickets.length).toBeGreaterThanOrEqual(40);
  });

  it('uses each key once, prefixed by its project', () => {
    const keys = tickets.map((ticket) => ticket.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const ticket of tickets) expect(ticket.key.startsWith(`${ticket.project}-`)).toBe(true);
  });

  it('lists each expected pattern once per ticket', () => {
    for (const ticket of tickets) expect(new Set(ticket.expected).size).toBe(ticket.expected.length);
  });

  it('has at least 10 tickets that are not integration issues', () => {
    expect(tickets.filter((ticket) => ticket.expected.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it.each(PATTERN_IDS)('expects %s in at least 3 tickets, at least once alone', (pattern: PatternId) => {
    expect(tickets.filter((ticket) => ticket.expected.includes(pattern)).length).toBeGreaterThanOrEqual(3);
    expect(tickets.some((ticket) => ticket.expected.length === 1 && ticket.expected[0] === pattern)).toBe(true);
  });
});

describe('samples/sample-issue.json', () => {
  const validateAdf = compileAdfValidator();
  const issue: unknown = JSON.parse(readFileSync(join(SAMPLES_DIR, 'sample-issue.json'), 'utf8'));
  const restIssue = z
    .object({
      id: z.string(),
      key: z.string(),
      self: z.url(),
      fields: z.object({ summary: z.string().min(1), description: z.unknown() }).loose(),
    })
    .loose()
    .parse(issue);

  it('is a REST v3 issue whose description is a valid ADF document', () => {
    expect(restIssue.self.endsWith(`/rest/api/3/issue/${restIssue.id}`)).toBe(true);
    const valid = validateAdf(restIssue.fields.description);
    expect(validateAdf.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a validator that rejects invalid ADF', () => {
    const invalid = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'status', attrs: { text: 'DONE', color: 'orange' } }] }],
    };
    expect(validateAdf(invalid)).toBe(false);
  });
});
