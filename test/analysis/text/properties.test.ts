import fc from 'fast-check';
import { adfToText, extractIssue, plainToText, wikiToText } from '../../../src/analysis/text';
import type { IssueInput } from '../../../src/analysis/types';
import { expectWellFormed } from './helpers';

/*
 * Invariants of every extractor, on any input: it returns (never throws), the same input gives
 * the same output, and spans are sorted, non-overlapping, non-empty and inside the text.
 */

function checkExtractor<T>(input: T, extract: (value: T) => { text: string; spans: unknown[]; warnings: string[] }): void {
  const first = extract(input);
  expectWellFormed(first as Parameters<typeof expectWellFormed>[0]);
  expect(extract(input)).toEqual(first);
}

/** Any UTF-16 code unit, lone surrogates and controls included. */
const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });

const MARKUP_TOKENS = [
  '{code}', '{code:java}', '{noformat}', '{quote}', '{panel:title=T}', '{color:red}', '{color}', '{html}', '<b>', '{{', '}}', '[', ']', '|', '||',
  '[~', '!', '.png', 'http://', 'https://x.y/', 'ftp://', 'file:/', 'at ', 'at a.B.c(B.java:1)', 'Caused by: ', 'java.lang.', 'Exception', 'Error:',
  'Traceback (most recent call last):', 'File "x.py", line 3', '#0 0x00ff in ', '... 3 more', '*', '_', '-', '+', '^', '~', '&amp;', '&#64;', '&#x',
  '\\', 'h1. ', 'bq. ', '  ', '\n', '\r\n', ' ', 'a', 'word', '\u0000', '\ufffd', '\ud800',
];
const markupString = fc.array(fc.constantFrom(...MARKUP_TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(''));

const KNOWN_TYPES = [
  'doc', 'paragraph', 'text', 'hardBreak', 'heading', 'bulletList', 'orderedList', 'listItem', 'taskList', 'taskItem', 'decisionList', 'decisionItem',
  'table', 'tableRow', 'tableHeader', 'tableCell', 'codeBlock', 'blockquote', 'panel', 'expand', 'nestedExpand', 'rule', 'mention', 'emoji',
  'inlineCard', 'blockCard', 'embedCard', 'mediaSingle', 'mediaGroup', 'media', 'mediaInline', 'status', 'date', 'placeholder', 'layoutSection',
  'layoutColumn', 'extension', 'bodiedExtension', 'inlineExtension', 'multiBodiedExtension', 'extensionFrame', 'caption', 'unknownThing',
];
/** ADF-shaped values: known node types with random attributes, marks and content, malformed on purpose. */
const adfNode = fc.letrec((tie) => ({
  node: fc.record(
    {
      type: fc.oneof(fc.constantFrom(...KNOWN_TYPES), fc.anything()),
      text: fc.oneof(markupString, fc.anything()),
      attrs: fc.oneof(
        fc.record({ text: fc.string(), url: fc.string(), timestamp: fc.oneof(fc.string(), fc.double()), shortName: fc.string(), title: fc.string(), alt: fc.string() }, { requiredKeys: [] }),
        fc.anything(),
      ),
      marks: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('code', 'link', 'strong'), attrs: fc.record({ href: fc.string() }) })), fc.anything()),
      content: fc.oneof({ depthSize: 'small' }, fc.array(tie('node'), { maxLength: 4 }), fc.anything()),
    },
    { requiredKeys: ['type'] },
  ),
})).node;

describe('extractor properties', () => {
  it('adfToText on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => checkExtractor(value, (v) => adfToText(v, 'description'))));
  });

  it('adfToText on any JavaScript value', () => {
    fc.assert(fc.property(fc.anything({ withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true }), (value) =>
      checkExtractor(value, (v) => adfToText(v, 'description')),
    ));
  });

  it('adfToText on ADF-shaped documents', () => {
    fc.assert(fc.property(fc.array(adfNode, { maxLength: 5 }), (content) =>
      checkExtractor({ version: 1, type: 'doc', content }, (v) => adfToText(v, 'description')),
    ));
  });

  it.each([
    ['any string', fc.string()],
    ['any code point', fc.string({ unit: 'binary' })],
    ['any code unit', codeUnitString],
    ['markup tokens', markupString],
  ])('wikiToText and plainToText on %s', (_name, strings) => {
    fc.assert(
      fc.property(strings as fc.Arbitrary<string>, (markup) => {
        checkExtractor(markup, (m) => wikiToText(m, 'description'));
        checkExtractor(markup, (m) => plainToText(m, 'summary'));
        expect(plainToText(markup, 'summary').text).toHaveLength(markup.length);
      }),
    );
  });

  it.each([
    ['any code unit', codeUnitString],
    ['markup tokens', markupString],
  ])('wikiToText counts every control character and U+FFFD of the source for the binary-data warning, on %s', (_name, strings) => {
    const suspects = (text: string) =>
      [...text].filter((ch) => {
        const c = ch.charCodeAt(0);
        return ch.length === 1 && ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd);
      }).length;
    const binary = (text: string) => wikiToText(text, 'description').warnings.includes('description looks like binary data');
    fc.assert(
      fc.property(strings as fc.Arbitrary<string>, (markup) => {
        // Padded with plain letters to just over and just at ten times the count, the warning
        // fires and then does not: only an exact count passes both.
        const count = suspects(markup);
        fc.pre(count > 0 && 10 * count - 1 >= markup.length);
        expect(binary(markup + 'x'.repeat(10 * count - 1 - markup.length))).toBe(true);
        expect(binary(markup + 'x'.repeat(10 * count - markup.length))).toBe(false);
      }),
    );
  });

  it('extractIssue on any issue-shaped value', () => {
    const issue = fc.record(
      {
        summary: fc.oneof(markupString, fc.anything()),
        description: fc.oneof(markupString, fc.array(adfNode).map((content) => ({ type: 'doc', content })), fc.anything()),
        descriptionFormat: fc.oneof(fc.constantFrom('adf', 'wiki', 'plain'), fc.anything()),
        components: fc.oneof(fc.array(fc.oneof(fc.string(), fc.anything())), fc.anything()),
        labels: fc.oneof(fc.array(fc.oneof(fc.string(), fc.anything())), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(issue, (value) => {
        const result = extractIssue(value as unknown as IssueInput);
        expect(result.fields.map((f) => f.field)).toEqual(['summary', 'description', 'components', 'labels']);
        for (const f of result.fields) expectWellFormed(f);
        expect(extractIssue(value as unknown as IssueInput)).toEqual(result);
      }),
    );
  });
});
