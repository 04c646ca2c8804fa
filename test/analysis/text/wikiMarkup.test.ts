import { plainToText, wikiToText } from '../../../src/analysis/text';
import { expectWellFormed, spanTexts } from './helpers';

function wiki(markup: string) {
  const result = wikiToText(markup, 'description');
  expectWellFormed(result);
  return result;
}

describe('wikiToText: markup', () => {
  it('drops heading, quote and list markers at a real line start', () => {
    expect(wiki('h1. Title\nh3. Sub heading\nbq. quoted\n* one\n** nested\n# first\n- dash\n----\nend').text).toBe(
      ' Title\n Sub heading\n quoted\n one\n nested\n first\n dash\n\nend',
    );
  });

  it('drops them after two spaces too, where a flattened line break was', () => {
    expect(wiki('Intro  h3. Steps  * one  * two  # three  h5.Expected').text).toBe('Intro   Steps   one   two   three  Expected');
    expect(wiki('Use h3. as is, 5 * 3 and a - b').text).toBe('Use h3. as is, 5 * 3 and a - b');
  });

  it('removes effect markers around words', () => {
    expect(wiki('*bold* _italic_ -strike- +under+ ^sup^ ~sub~, *two words*').text).toBe('bold italic strike under sup sub, two words');
  });

  it('leaves effect characters that are not markup', () => {
    const text = 'foo_bar_baz a-b-c C++ x^2 2014-05-01 snake_case_name --verbose __init__ **not** ~/path 5 * 3 * 2';
    expect(wiki(text).text).toBe(text);
  });

  it('does not pair markers across a line break', () => {
    expect(wiki('*not\nbold*').text).toBe('*not\nbold*');
  });

  it('makes Markdown code (pasted from GitHub or chat) code: ``` fences and `inline`', () => {
    const fenced = wiki('Run this ```ruby\nclient.calls.create(status_callback: url)\n``` and `webhook_url` fails');
    expect(fenced.text).toBe('Run this \nclient.calls.create(status_callback: url)\n and webhook_url fails');
    expect(spanTexts(fenced)).toEqual([
      ['code', 'client.calls.create(status_callback: url)'],
      ['code', 'webhook_url'],
    ]);
    // flattened fences keep the word after them; an unclosed fence runs to the end
    expect(spanTexts(wiki('see ``` ruby x = 1 ``` ok'))).toEqual([['code', 'ruby x = 1']]);
    expect(spanTexts(wiki('log: ``` Traceback (most recent call last):\n  File "a.py", line 1, in <module>\nValueError'))[0]![0]).toBe('stacktrace');
    // a lone backtick, or one whose partner is on another line, is text
    expect(wiki('a ` b').text).toBe('a ` b');
    expect(wiki('a `b\nc` d').spans).toEqual([]);
  });

  it('makes {{monospace}} a code span', () => {
    const result = wiki('Call {{POST /v1/charges}} then {{a}}.');
    expect(result.text).toBe('Call POST /v1/charges then a.');
    expect(spanTexts(result)).toEqual([
      ['code', 'POST /v1/charges'],
      ['code', 'a'],
    ]);
  });

  it('makes {code} and {noformat} bodies code spans, with or without parameters', () => {
    const result = wiki('before {code:java}int x = a_b_c * 2; // *not* bold{code} mid {code:title=Hook.java|borderStyle=solid}hook();{code} {noformat}raw [x|y]{noformat} after');
    expect(result.text).toBe('before \nint x = a_b_c * 2; // *not* bold\n mid \nhook();\n \nraw [x|y]\n after');
    expect(spanTexts(result)).toEqual([
      ['code', 'int x = a_b_c * 2; // *not* bold'],
      ['code', 'hook();'],
      ['code', 'raw [x|y]'],
    ]);
  });

  it('reads an unclosed {code} block to the end', () => {
    expect(spanTexts(wiki('text {code}unclosed *x*'))).toEqual([['code', 'unclosed *x*']]);
  });

  it('makes a code block whose body is an exception a stack trace', () => {
    expect(spanTexts(wiki('Got {noformat}\njava.lang.NullPointerException\n{noformat} on save'))).toEqual([
      ['stacktrace', 'java.lang.NullPointerException'],
    ]);
  });

  it('keeps link texts as prose and drops their URLs', () => {
    const result = wiki('see [the docs|http://example.com/a_b] and [Upgraded pip|https://reviews.apache.org/r/40630]');
    expect(result.text).toBe('see the docs and Upgraded pip');
    expect(result.spans).toEqual([]);
  });

  it('makes links without text url spans, and reads mentions, anchors and attachments', () => {
    const result = wiki('[http://example.com/x] [|https://e.com] [mailto:ops@example.com] [~jdoe] [#anchor] [^sync.log] [not a link] a[0]');
    expect(result.text).toBe('http://example.com/x https://e.com mailto:ops@example.com jdoe anchor sync.log [not a link] a[0]');
    expect(spanTexts(result)).toEqual([
      ['url', 'http://example.com/x'],
      ['url', 'https://e.com'],
      ['url', 'mailto:ops@example.com'],
    ]);
  });

  it('marks bare URLs and never treats their characters as markup', () => {
    const result = wiki('url https://example.com/a_b_c~d-e_ and ftp://files.example.com/x and file:/tmp/y.');
    expect(result.text).toBe('url https://example.com/a_b_c~d-e_ and ftp://files.example.com/x and file:/tmp/y.');
    expect(spanTexts(result)).toEqual([
      ['url', 'https://example.com/a_b_c~d-e'],
      ['url', 'ftp://files.example.com/x'],
      ['url', 'file:/tmp/y'],
    ]);
    expect(spanTexts(wiki('file:notes http:no *http://a.b/c_d*'))).toEqual([['url', 'http://a.b/c_d']]);
  });

  it('drops images, with or without options', () => {
    expect(wiki('a !screen shot.png! b !image.png|thumbnail! c !http://x.com/a.png! wow! great!').text).toBe('a  b  c  wow! great!');
  });

  it('drops {quote}, {panel}, {color} and {html} tags and keeps their content', () => {
    expect(wiki('{quote}quoted{quote} {panel:title=Retry policy|borderStyle=dashed}three tries{panel} {color:red}red{color}').text).toBe(
      'quoted\n \nRetry policy\nthree tries\n red',
    );
    expect(wiki('{html}<div><p>Hello &amp; bye</p></div>{html} after <b>not html</b>').text).toBe('Hello & bye\n after <b>not html</b>');
    expect(wiki('{unknown} macro {{}} empty').text).toBe('{unknown} macro {{}} empty');
  });

  it('turns table separators into " | "', () => {
    expect(wiki('||a||b||\n|1|2|').text).toBe(' | a | b | \n | 1 | 2 | ');
  });

  it('decodes HTML entities and leaves unknown or unsafe ones', () => {
    expect(wiki('&amp; &lt;tag&gt; &quot;q&quot; &#64; &#x41; &bogus; &#0; &#x110000; & alone').text).toBe(
      '& <tag> "q" @ A &bogus; &#0; &#x110000; & alone',
    );
  });

  it('reads escaped markup characters literally', () => {
    expect(wiki('\\*not bold\\* \\{code\\} \\[x\\] C:\\path\\dir').text).toBe('*not bold* {code} [x] C:\\path\\dir');
  });

  it('replaces control characters, in prose and in code', () => {
    const result = wiki('ok\u0000\u0001 then a sentence long enough {code}\u0002x{code}');
    expect(result.text).toBe('ok   then a sentence long enough \n x');
    expect(result.warnings).toEqual([]);
  });

  it('reads binary data as plain text, with a warning: its markup characters are not markup', () => {
    const result = wiki('ok\u0000\u0001{code}\u0002*x*{code}');
    expect(result.text).toBe('ok  {code} *x*{code}');
    expect(result.warnings).toEqual(['description looks like binary data']);
  });

  it('finds stack traces in prose', () => {
    expect(spanTexts(wiki('Fails with java.lang.IllegalStateException: closed at com.acme.Hook.send(Hook.java:12) every time'))).toEqual([
      ['stacktrace', 'java.lang.IllegalStateException: closed at com.acme.Hook.send(Hook.java:12)'],
    ]);
  });
});

describe('wikiToText: tickets from the Deep-SE corpus', () => {
  it('XD-99: a flattened Java trace outside any code block', () => {
    const markup =
      'https://build.springsource.org/browse/XD-SONAR-34    Caused by: java.lang.ClassNotFoundException: org.sonar.api.Plugin          at org.codehaus.plexus.classworlds.strategy.SelfFirstStrategy.loadClass(SelfFirstStrategy.java:50)          at org.codehaus.plexus.classworlds.realm.ClassRealm.loadClass(ClassRealm.java:244)          at org.codehaus.plexus.classworlds.realm.ClassRealm.loadClass(ClassRealm.java:230)          ... 94 more';
    const result = wiki(markup);
    expect(result.text).toBe(markup);
    expect(spanTexts(result)).toEqual([
      ['url', 'https://build.springsource.org/browse/XD-SONAR-34'],
      ['stacktrace', markup.slice(markup.indexOf('Caused by:'))],
    ]);
  });

  it('TESB-6372: frames whose closing parenthesis was pushed away by flattening', () => {
    const markup =
      "\\examples\\talend\\tesb\\locator doesn't work with https on java 7. I got this exception in jetty    2012-07-05 11:15:39.550:WARN:oejin.ssl:127.0.0.1:62788  javax.net.ssl.SSLHandshakeException: no cipher suites in common          at sun.security.ssl.Handshaker.checkThrown(Handshaker.java:1364)          at sun.security.ssl.SSLEngineImpl.checkTaskThrown(SSLEngineImpl.java:513  )          at sun.security.ssl.SSLEngineImpl.writeAppRecord(SSLEngineImpl.java:1197  )";
    const result = wiki(markup);
    expect(result.text).toBe(markup);
    expect(spanTexts(result)).toEqual([['stacktrace', markup.slice(markup.indexOf('javax.net.ssl'))]]);
  });

  it('XD-3620: a {code} block holding a trace, then a bare link in parentheses', () => {
    const markup =
      "We are seeing JDBC connection pool errors when running 'jdbchdfs' jobs and 'jdbc' streams. The exception is:    {code}  Caused by: java.sql.SQLException: Failed to validate a newly established connection.          at org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection(ConnectionPool.java:802)          ... 21 more  {code}    A workaround is to specify \"--testOnBorrow=false\" when creating the job.    This has also been reported on SO (http://stackoverflow.com/questions/33148929/springxd-issue-in-mysql-as-source-failed-to-validate-a-newly-established-connec).";
    const result = wiki(markup);
    expect(result.text).toContain('The exception is:    \nCaused by: java.sql.SQLException');
    expect(result.text).toContain('... 21 more\n    A workaround is to specify "--testOnBorrow=false" when creating the job.');
    expect(spanTexts(result)).toEqual([
      [
        'stacktrace',
        'Caused by: java.sql.SQLException: Failed to validate a newly established connection.          at org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection(ConnectionPool.java:802)          ... 21 more',
      ],
      ['url', 'http://stackoverflow.com/questions/33148929/springxd-issue-in-mysql-as-source-failed-to-validate-a-newly-established-connec'],
    ]);
  });

  it('DM-1710: a Python traceback in a {code} block next to a code sample', () => {
    const markup =
      "{code} from lsst.afw.table import BaseCatalog, Schema  s = Schema() c1 = BaseCatalog(s) c2 = BaseCatalog(s)  c1.extend(c2) {code}  The above fails, saying:  {code} Traceback (most recent call last):   File \"test.py\", line 7, in <module>     c1.extend(c2)   File \"/Users/jds/Projects/Astronomy/LSST/stack/DarwinX86/afw/10.0+3/python/lsst/afw/table/tableLib.py\", line 6909, in extend     _tableLib.BaseCatalog_extend(self, iterable, deep) ValueError: invalid null reference in method 'BaseCatalog_extend', argument 3 of type 'lsst::afw::table::SchemaMapper const &' {code}";
    const result = wiki(markup);
    const kinds = spanTexts(result);
    expect(kinds.map(([kind]) => kind)).toEqual(['code', 'stacktrace']);
    expect(kinds[0]?.[1]).toBe('from lsst.afw.table import BaseCatalog, Schema  s = Schema() c1 = BaseCatalog(s) c2 = BaseCatalog(s)  c1.extend(c2)');
    expect(kinds[1]?.[1].startsWith('Traceback (most recent call last):')).toBe(true);
    expect(result.text).toContain('\n  The above fails, saying:  \n');
  });

  it('MESOS-2636: gdb frames pasted as prose', () => {
    const markup =
      'Program terminated with signal 11, Segmentation fault.  #0  0x00007f639867c77e in free () from /lib64/libc.so.6  (gdb) bt  #0  0x00007f639867c77e in free () from /lib64/libc.so.6  #1  0x00007f63986c25d0 in freeaddrinfo () from /lib64/libc.so.6  #2  0x00007f6399deeafa in net::getIP (hostname="<redacted>", family=2) at ./3rdparty/stout/include/stout/net.hpp:201';
    const spans = spanTexts(wiki(markup));
    expect(spans).toHaveLength(1);
    expect(spans[0]?.[0]).toBe('stacktrace');
    expect(spans[0]?.[1].startsWith('#0  0x00007f639867c77e in')).toBe(true);
  });

  it('MULE-8492: a flattened table', () => {
    expect(wiki('Email validator fails for the following cases    || email || is valid? ||  |  a@a.com | no (leading space) |').text).toBe(
      'Email validator fails for the following cases     |  email  |  is valid?  |    |   a@a.com  |  no (leading space)  | ',
    );
  });

  it('DM-6645, DM-5585: a link with text and a user mention', () => {
    expect(wiki('Review [pinball|https://github.com/pinterest/pinball] workflow management system.').text).toBe(
      'Review pinball workflow management system.',
    );
    expect(wiki("This is a clone of DM-5581 tracking [~frossie]'s SPs").text).toBe("This is a clone of DM-5581 tracking frossie's SPs");
  });

  it('TIMOB-19957: monospace property names', () => {
    const result = wiki(
      'Currently only {{color}} (foreground color) property is supported for {{Ti.UI.ProgressBar}}. It should be able to support {{backgroundColor}} and {{backgroundDisabledColor}} etc.',
    );
    expect(result.text).toBe(
      'Currently only color (foreground color) property is supported for Ti.UI.ProgressBar. It should be able to support backgroundColor and backgroundDisabledColor etc.',
    );
    expect(spanTexts(result).map(([, text]) => text)).toEqual(['color', 'Ti.UI.ProgressBar', 'backgroundColor', 'backgroundDisabledColor']);
  });

  it('TISTUD-5697: flattened h5. headings, one without its space', () => {
    expect(
      wiki('*regression* after fix TISTUD-5527  h5. To reproduce  1. Create  a project    h5. Actual result  1. Splash screen    h5.Expected result  Successful').text,
    ).toBe('regression after fix TISTUD-5527   To reproduce  1. Create  a project     Actual result  1. Splash screen    Expected result  Successful');
  });

  it('CLOV-1569, TDQ-4913, TIMOB-1902: images, entities and {html}', () => {
    expect(wiki('!search_box_wrong_caption.png!').text).toBe('');
    expect(wiki('SELECT COUNT(DISTINCT &lt;%=__COLUMN_NAMES__%>) FROM &lt;%=__TABLE_NAME__%>').text).toBe(
      'SELECT COUNT(DISTINCT <%=__COLUMN_NAMES__%>) FROM <%=__TABLE_NAME__%>',
    );
    expect(wiki('{html}<div><p>This can be recreated in KS Controls&gt;Text Field&gt;Border  Style.</p></div>{html}').text).toBe(
      'This can be recreated in KS Controls>Text Field>Border  Style.',
    );
  });
});

describe('wikiToText: pathological input', () => {
  // 1 MB of repeated openers: each must finish (a quadratic reader would time the test out) and stay well formed.
  const MB = 1_000_000;
  const patterns = ['{{', '[', '*', '*a ', '_', '-x ', '!', '{code:', '{panel:', '&', 'at ', 'at a.b(', '\\', '|', 'h1.  ', '  * ', '{{a}', '[a|', 'http://', '~', 'Error.', 'File "'];
  it.each(patterns)('reads 1 MB of %j', (unit) => {
    const markup = unit.repeat(Math.ceil(MB / unit.length));
    const result = wiki(markup);
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('reads 1 MB of random bytes (pasted binary data) as plain text', () => {
    let state = 7;
    const bytes = Array.from({ length: MB }, () => String.fromCharCode((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24));
    const markup = bytes.join('');
    const result = wiki(markup);
    expect(result.warnings).toEqual(['description looks like binary data']);
    expect(result.text).toBe(plainToText(markup, 'description').text);
  });

  it('reads 1 MB mixing every opener', () => {
    const markup = patterns.join(' ').repeat(Math.ceil(MB / patterns.join(' ').length));
    expect(wiki(markup).text.length).toBeGreaterThan(0);
  });
});
