import { plainToText } from '../../../src/analysis/text';
import { expectWellFormed, spanTexts } from './helpers';

describe('plainToText', () => {
  it('keeps the text as it is, markup included', () => {
    const input = 'Sync *fails* on {code}retry{code} after [timeout|http://x]';
    const result = plainToText(input, 'summary');
    expect(result.text).toBe(input);
    expect(result.warnings).toEqual([]);
  });

  it('marks URLs and stack traces only', () => {
    const input =
      'Callback to https://hooks.example.com/in fails: java.net.SocketTimeoutException: Read timed out at java.net.SocketInputStream.socketRead0(Native Method) at java.net.SocketInputStream.read(SocketInputStream.java:150)';
    const result = plainToText(input, 'summary');
    expect(spanTexts(result)).toEqual([
      ['url', 'https://hooks.example.com/in'],
      [
        'stacktrace',
        'java.net.SocketTimeoutException: Read timed out at java.net.SocketInputStream.socketRead0(Native Method) at java.net.SocketInputStream.read(SocketInputStream.java:150)',
      ],
    ]);
    expectWellFormed(result);
  });

  it('replaces control characters and warns about binary text', () => {
    const result = plainToText('\u0000\u0001\u0002ok', 'labels');
    expect(result.text).toBe('   ok');
    expect(result.warnings).toEqual(['labels looks like binary data']);
  });

  it('reads a non-string as empty text', () => {
    const result = plainToText(42 as unknown as string, 'summary');
    expect([result.text, result.spans, result.warnings]).toEqual(['', [], []]);
  });
});
