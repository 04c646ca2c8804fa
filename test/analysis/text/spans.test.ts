import { findUrls, finishSpans, normalizeSpans, scanStackTraces, TraceLevel } from '../../../src/analysis/text';
import type { Span } from '../../../src/analysis/types';
import { expectWellFormed, spanTexts } from './helpers';

function urlsIn(text: string): string[] {
  const spans: Span[] = [];
  findUrls(text, spans);
  return spans.map((s) => text.slice(s.start, s.end));
}

function traces(text: string): Array<[number, string]> {
  return scanStackTraces(text).map((c) => [c.level, text.slice(c.start, c.end)]);
}

describe('normalizeSpans', () => {
  it('sorts, merges overlapping and adjacent spans of a kind, and clips to the text', () => {
    const spans: Span[] = [
      { start: 30, end: 40, kind: 'code' },
      { start: 0, end: 5, kind: 'url' },
      { start: 35, end: 45, kind: 'code' },
      { start: 45, end: 50, kind: 'code' },
      { start: 90, end: 200, kind: 'url' },
    ];
    expect(normalizeSpans(spans, 100)).toEqual([
      { start: 0, end: 5, kind: 'url' },
      { start: 30, end: 50, kind: 'code' },
      { start: 90, end: 100, kind: 'url' },
    ]);
  });

  it('gives an overlap to the stack trace over code and to code over a url', () => {
    const spans: Span[] = [
      { start: 10, end: 20, kind: 'url' },
      { start: 0, end: 15, kind: 'code' },
      { start: 12, end: 30, kind: 'stacktrace' },
      { start: 40, end: 50, kind: 'code' },
      { start: 42, end: 45, kind: 'url' },
    ];
    expect(normalizeSpans(spans, 60)).toEqual([
      { start: 0, end: 12, kind: 'code' },
      { start: 12, end: 30, kind: 'stacktrace' },
      { start: 40, end: 50, kind: 'code' },
    ]);
  });

  it('drops empty, reversed, out-of-range, non-finite and unknown spans', () => {
    const spans = [
      { start: 5, end: 5, kind: 'code' },
      { start: 9, end: 3, kind: 'code' },
      { start: 120, end: 130, kind: 'code' },
      { start: Number.NaN, end: 4, kind: 'url' },
      { start: 0, end: Number.POSITIVE_INFINITY, kind: 'url' },
      { start: 1, end: 2, kind: 'prose' },
      { start: -5, end: 2, kind: 'url' },
    ] as Span[];
    expect(normalizeSpans(spans, 100)).toEqual([{ start: 0, end: 2, kind: 'url' }]);
  });
});

describe('findUrls', () => {
  it('finds http, https, ftp and file URLs and drops trailing punctuation', () => {
    expect(urlsIn('See http://a.example/x, https://b.example/y?q=1. Also ftp://files.example/f and file:///tmp/log.txt!')).toEqual([
      'http://a.example/x',
      'https://b.example/y?q=1',
      'ftp://files.example/f',
      'file:///tmp/log.txt',
    ]);
  });

  it('keeps a closing parenthesis the URL opened and drops one it did not', () => {
    expect(urlsIn('(see https://en.wikipedia.org/wiki/Webhook_(software))')).toEqual(['https://en.wikipedia.org/wiki/Webhook_(software)']);
    expect(urlsIn('(see https://example.com/a)')).toEqual(['https://example.com/a']);
  });

  it('stops at quotes, brackets and wiki separators, and ignores a bare scheme', () => {
    expect(urlsIn('GET "http://localhost:8080":refused |http://a.b|c| http:// alone')).toEqual(['http://localhost:8080', 'http://a.b']);
  });
});

describe('scanStackTraces', () => {
  it('clusters a Java exception, its frames, Caused by and "... N more" into one trace', () => {
    const text = [
      'Upload failed:',
      'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403)',
      '\tat com.amazonaws.http.AmazonHttpClient.handleErrorResponse(AmazonHttpClient.java:1078)',
      '\tat com.acme.sync.S3Uploader.upload(S3Uploader.java:42)',
      'Caused by: java.io.IOException: stream closed',
      '\tat java.io.BufferedInputStream.read(BufferedInputStream.java:265)',
      '\t... 12 more',
      '',
      'Then we retried.',
    ].join('\n');
    const found = traces(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe(TraceLevel.frame);
    expect(found[0]?.[1].startsWith('com.amazonaws.services.s3.model.AmazonS3Exception')).toBe(true);
    expect(found[0]?.[1].endsWith('... 12 more')).toBe(true);
  });

  it('finds Python tracebacks, gdb frames and Node frames', () => {
    expect(traces('Traceback (most recent call last):   File "sync.py", line 7, in <module>     main()  KeyError: \'id\'')).toEqual([
      [TraceLevel.frame, 'Traceback (most recent call last):   File "sync.py", line 7, in <module>     main()  KeyError'],
    ]);
    expect(traces('#0  0x00007f639867c77e in free () from /lib64/libc.so.6  #1  0x00007f63986c25d0 in freeaddrinfo ()')).toEqual([
      [TraceLevel.frame, '#0  0x00007f639867c77e in free () from /lib64/libc.so.6  #1  0x00007f63986c25d0 in '],
    ]);
    expect(traces('TypeError: x is undefined\n    at Object.<anonymous> (/srv/app/hook.js:12:5)')).toEqual([
      [TraceLevel.frame, 'TypeError: x is undefined\n    at Object.<anonymous> (/srv/app/hook.js:12:5)'],
    ]);
  });

  it('does not take prose for a trace', () => {
    expect(traces('Please look at the API at noon and at foo.bar(x) later.')).toEqual([]);
    expect(traces('We get a NullPointerException sometimes, an Error too.')).toEqual([]);
    expect(traces('We get a java.lang.NullPointerException sometimes.')).toEqual([[TraceLevel.weak, 'java.lang.NullPointerException']]);
    expect(traces('java.lang.NullPointerException: boom')).toEqual([[TraceLevel.header, 'java.lang.NullPointerException']]);
  });

  it('splits traces at a blank line and at a long gap', () => {
    const frame = 'at a.B.c(B.java:1)';
    expect(scanStackTraces(`${frame}\n\n${frame}`)).toHaveLength(2);
    expect(scanStackTraces(`${frame} ${'word '.repeat(80)}${frame}`)).toHaveLength(2);
    expect(scanStackTraces(`${frame} ${'word '.repeat(20)}${frame}`)).toHaveLength(1);
  });
});

describe('finishSpans', () => {
  it('turns a code block into a stack trace when an exception line shows in it, and keeps other code blocks code', () => {
    const text = 'intro\njava.lang.IllegalStateException: closed\nmiddle\nint x = 1;\nend https://example.com';
    const traceBlock = { start: 6, end: 45 };
    const codeBlock = { start: 53, end: 63 };
    const result = { text, spans: finishSpans(text, [], [traceBlock, codeBlock]) };
    expect(spanTexts(result)).toEqual([
      ['stacktrace', 'java.lang.IllegalStateException: closed'],
      ['code', 'int x = 1;'],
      ['url', 'https://example.com'],
    ]);
    expectWellFormed(result);
  });

  it('leaves bare URLs to the caller when asked to', () => {
    expect(finishSpans('see https://example.com', [], [], false)).toEqual([]);
  });
});
