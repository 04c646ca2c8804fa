import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { adfToWiki } from '../../../sandbox/adf/adfToWiki';
import { wikiToAdf } from '../../../sandbox/adf/wikiToAdf';
import { parseTickets } from '../../../sandbox/tickets';

/** The ADF JSON schema of @atlaskit/adf-schema (draft-04, which Ajv 8 reads once the meta-schema check is skipped). */
function adfValidator() {
  const schema: unknown = JSON.parse(readFileSync(require.resolve('@atlaskit/adf-schema/dist/json-schema/v1/full.json'), 'utf8'));
  return new Ajv({ strict: false, validateSchema: false, allErrors: true }).compile(schema as object);
}

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });

describe('wikiToAdf', () => {
  it('reads headings, paragraphs with line breaks and inline code, strong and links', () => {
    expect(wikiToAdf('h3. What we see\nThe {{notify-worker}} calls *SendGrid*\nsee [the docs|https://example.com/docs]').content).toEqual([
      { type: 'heading', attrs: { level: 3 }, content: [text('What we see')] },
      paragraph(text('The '), text('notify-worker', [{ type: 'code' }]), text(' calls '), text('SendGrid', [{ type: 'strong' }]), { type: 'hardBreak' }, text('see '), text('the docs', [{ type: 'link', attrs: { href: 'https://example.com/docs' } }])),
    ]);
  });

  it('reads code and noformat blocks with their language, keeping markup inside them literal', () => {
    expect(wikiToAdf('{code:java}\nint *x* = 1;\n{code}\n{noformat}a {{b}}{noformat}').content).toEqual([
      { type: 'codeBlock', attrs: { language: 'java' }, content: [text('int *x* = 1;')] },
      { type: 'codeBlock', content: [text('a {{b}}')] },
    ]);
  });

  it('nests bullet and numbered lists by their markers, and a new list type at the top starts a new list', () => {
    expect(wikiToAdf('* one\n** one.a\n*# one.1\n* two\n# first').content).toEqual([
      {
        type: 'bulletList',
        content: [
          item(paragraph(text('one')), { type: 'bulletList', content: [item(paragraph(text('one.a')))] }, { type: 'orderedList', content: [item(paragraph(text('one.1')))] }),
          item(paragraph(text('two'))),
        ],
      },
      { type: 'orderedList', content: [item(paragraph(text('first')))] },
    ]);
  });

  it('turns every sample ticket into valid ADF', () => {
    const valid = adfValidator();
    const { tickets } = parseTickets(readFileSync(path.join(__dirname, '../../../samples/tickets.jsonl'), 'utf8'));
    expect(tickets).toHaveLength(40);
    for (const ticket of tickets) {
      if (!valid(ticket.description)) throw new Error(`${ticket.sourceKey}: ${JSON.stringify(valid.errors?.slice(0, 3))}`);
    }
  });

  it('gives back the markup it read, through adfToWiki', () => {
    const markup = 'h2. Steps\n\n# open {{/health}}\n## check *status*\n\n{code:json}\n{"ok": true}\n{code}\n\nPlain line\nsecond line';
    expect(adfToWiki(wikiToAdf(markup))).toBe(markup);
  });
});
