import { extractIssue, MAX_DESCRIPTION_CHARS } from '../../../src/analysis/text';
import { FIELD_NAMES, type IssueInput } from '../../../src/analysis/types';
import { expectWellFormed, spanTexts } from './helpers';

const adfDoc = (text: string) => ({ version: 1, type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function field(issue: IssueInput, name: (typeof FIELD_NAMES)[number]) {
  const found = extractIssue(issue).fields.find((f) => f.field === name);
  if (found === undefined) throw new Error(`no ${name} field`);
  expectWellFormed(found);
  return found;
}

describe('extractIssue', () => {
  it('returns the four fields in order: summary, description, components, labels', () => {
    const result = extractIssue({
      key: 'INT-7',
      summary: 'Webhook retries fail, see https://status.example.com',
      description: 'h3. Steps  *Send* a {{POST}} to the hook',
      components: ['Payments API', 'Webhooks'],
      labels: ['rest-api', 'third_party', 'sync'],
    });
    expect(result.fields.map((f) => f.field)).toEqual([...FIELD_NAMES]);
    expect(result.fields.map((f) => f.text)).toEqual([
      'Webhook retries fail, see https://status.example.com',
      ' Steps  Send a POST to the hook',
      'Payments API\nWebhooks',
      'rest-api\nthird_party\nsync',
    ]);
    expect(spanTexts(result.fields[0] as (typeof result.fields)[number])).toEqual([['url', 'https://status.example.com']]);
    expect(spanTexts(result.fields[1] as (typeof result.fields)[number])).toEqual([['code', 'POST']]);
    expect(result.truncatedChars).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('reads an object description as ADF and a string as wiki markup', () => {
    expect(field({ summary: 's', description: adfDoc('*not markup in ADF*') }, 'description').text).toBe('*not markup in ADF*');
    expect(field({ summary: 's', description: '*bold* text' }, 'description').text).toBe('bold text');
  });

  it('follows descriptionFormat, and warns when it does not fit the value', () => {
    expect(field({ summary: 's', description: '*kept* {{as is}}', descriptionFormat: 'plain' }, 'description').text).toBe('*kept* {{as is}}');
    const adfString = extractIssue({ summary: 's', description: '*x*', descriptionFormat: 'adf' });
    expect(adfString.fields[1]?.text).toBe('x');
    expect(adfString.warnings).toEqual(['description is a string, not an ADF document; read as wiki markup']);
    const wikiObject = extractIssue({ summary: 's', description: adfDoc('hello'), descriptionFormat: 'wiki' });
    expect(wikiObject.fields[1]?.text).toBe('hello');
    expect(wikiObject.warnings).toEqual(['description is an ADF document, not wiki text; read as ADF']);
    const unknown = extractIssue({ summary: 's', description: 'x', descriptionFormat: 'markdown' as never });
    expect(unknown.warnings).toEqual(['unknown descriptionFormat; format guessed from the value']);
  });

  it('cuts a description longer than the limit and reports what it dropped', () => {
    const long = `${'a'.repeat(MAX_DESCRIPTION_CHARS - 1)}\u{1F600}tail`;
    const result = extractIssue({ summary: 's', description: long, descriptionFormat: 'plain' });
    // The emoji straddles the limit: it goes whole rather than leaving half a surrogate pair.
    expect(result.fields[1]?.text).toBe('a'.repeat(MAX_DESCRIPTION_CHARS - 1));
    expect(result.truncatedChars).toBe(long.length - (MAX_DESCRIPTION_CHARS - 1));
  });

  it('cuts the text of an ADF description longer than the limit, spans included', () => {
    const text = `${'word '.repeat(MAX_DESCRIPTION_CHARS / 5 - 2)}see https://example.com/a/long/path`;
    const result = extractIssue({ summary: 's', description: adfDoc(text) });
    const description = result.fields[1] as (typeof result.fields)[number];
    expect(description.text).toHaveLength(MAX_DESCRIPTION_CHARS);
    expect(result.truncatedChars).toBe(text.length - MAX_DESCRIPTION_CHARS);
    expect(spanTexts(description)).toEqual([['url', 'https:']]);
    expectWellFormed(description);
  });

  it('skips values of the wrong type with a warning', () => {
    const result = extractIssue({
      summary: 42,
      description: 17,
      components: 'Payments',
      labels: ['ok', 3, null, '', 'fine'],
    } as unknown as IssueInput);
    expect(result.fields.map((f) => f.text)).toEqual(['', '', '', 'ok\nfine']);
    expect(result.warnings).toEqual([
      'summary is not a string; ignored',
      'description is neither text nor an ADF document; ignored',
      'components is not a list; ignored',
      'labels holds a value that is not a string; skipped',
    ]);
  });

  it('reads a missing summary and optional fields as empty', () => {
    const result = extractIssue({} as IssueInput);
    expect(result.fields.map((f) => f.text)).toEqual(['', '', '', '']);
    expect(result.warnings).toEqual(['summary is missing']);
    expect(extractIssue(null as unknown as IssueInput).warnings).toEqual(['issue is not an object', 'summary is missing']);
  });

  it('passes on the warnings of the field extractors', () => {
    const result = extractIssue({ summary: 'x', description: { type: 'doc', content: [{ type: 'sparkle' }] } });
    expect(result.warnings).toEqual(['unknown ADF node type "sparkle"']);
    expect(extractIssue({ summary: '\u0000\u0001\u0002', description: '' }).warnings).toEqual(['summary looks like binary data']);
  });
});
