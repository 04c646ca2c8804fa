import { binaryDataWarnings, replaceControls, sanitize } from '../../../src/analysis/text/sanitize';

describe('sanitize', () => {
  it('replaces C0 controls by spaces one for one, keeping tab, line feed and carriage return', () => {
    const input = 'a\u0000b\u0001c\td\ne\rf\u001fg\u000bh and enough ordinary words to stay below a tenth';
    const { text, warnings } = sanitize(input, 'description');
    expect(text).toBe('a b c\td\ne\rf g h and enough ordinary words to stay below a tenth');
    expect(text).toHaveLength(input.length);
    expect(warnings).toEqual([]);
  });

  it('replaces every control character of a text full of them, keeping every other code unit', () => {
    // past a thousand controls the text is rebuilt from its code units: lone surrogates stay as they are
    const units = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(i % 7 === 0 ? i % 32 : i % 5 === 0 ? 0xd800 + (i % 2048) : 0x20 + (i % 95)));
    const input = units.join('');
    const isReplaced = (c: number) => c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
    const expected = units.map((u) => (isReplaced(u.charCodeAt(0)) ? ' ' : u)).join('');
    expect(replaceControls(input)).toBe(expected);
  });

  it('returns the very same string when there is nothing to replace', () => {
    const input = 'plain text with \u2019 curly quote';
    expect(replaceControls(input)).toBe(input);
    expect(sanitize(input, 'summary')).toEqual({ text: input, warnings: [] });
  });

  it('warns about binary data when more than a tenth of the field is control or replacement characters', () => {
    const binary = 'PK\u0003\u0004\u0014\u0000\u0008\u0000\ufffd\ufffd\u0000';
    expect(sanitize(binary, 'description').warnings).toEqual(['description looks like binary data']);
    expect(binaryDataWarnings(`${'x'.repeat(95)}${'\ufffd'.repeat(5)}`, 'summary')).toEqual([]);
    expect(binaryDataWarnings(`${'x'.repeat(85)}${'\ufffd'.repeat(15)}`, 'summary')).toEqual(['summary looks like binary data']);
  });

  it('keeps counting past the first thousand suspect characters', () => {
    // 1,500 of 10,000 are controls: the count must go beyond the regex-counted first thousand.
    const many = `${'\u0001'.repeat(1500)}${'x'.repeat(8500)}`;
    expect(binaryDataWarnings(many, 'description')).toEqual(['description looks like binary data']);
    const few = `${'\u0001'.repeat(900)}${'x'.repeat(9100)}`;
    expect(binaryDataWarnings(few, 'description')).toEqual([]);
    const spreadOut = `${'\u0001'.repeat(1000)}${'x'.repeat(9000)}${'\u0002'.repeat(200)}`;
    expect(binaryDataWarnings(spreadOut, 'description')).toEqual(['description looks like binary data']);
  });
});
