import type { Span } from '../types';
import { isSpace } from './chars';

/** What every extractor returns for one field. */
export interface Extraction {
  text: string;
  spans: Span[];
  warnings: string[];
}

export interface Range {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// URLs

/** Bare URLs: http(s), ftp and file. Stops at whitespace, control characters, quotes, brackets and wiki separators. */
// eslint-disable-next-line no-control-regex
const BARE_URL = /\b(https?:\/\/|ftp:\/\/|file:\/)[^\s\u0000-\u001F"'<>`{}|\\^[\]]+/gi;
// eslint-disable-next-line no-control-regex
const URL_BODY = /[^\s\u0000-\u001F"'<>`{}|\\^[\]]*/y;
const TRAILING_PUNCTUATION = '.,;:!?*_~';

/** Appends a url span for every bare URL in `text`. */
export function findUrls(text: string, out: Span[]): void {
  BARE_URL.lastIndex = 0;
  for (let m = BARE_URL.exec(text); m !== null; m = BARE_URL.exec(text)) {
    const end = trimUrlEnd(text, m.index, m.index + m[0].length);
    if (end > m.index + (m[1] as string).length) out.push({ start: m.index, end, kind: 'url' });
  }
}

/** End of a URL that starts at `start` and whose scheme (`http://`...) ends at `bodyStart`; -1 if the URL is empty. */
export function urlEnd(text: string, start: number, bodyStart: number): number {
  URL_BODY.lastIndex = bodyStart;
  URL_BODY.test(text);
  const end = trimUrlEnd(text, start, URL_BODY.lastIndex);
  return end > bodyStart ? end : -1;
}

/** Drops sentence punctuation after a URL, and a closing parenthesis the URL did not open. */
function trimUrlEnd(text: string, start: number, end: number): number {
  let opened = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28) opened++;
    else if (c === 0x29) opened--;
  }
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (TRAILING_PUNCTUATION.includes(text[end - 1] as string)) end--;
    else if (c === 0x29 && opened < 0) {
      end--;
      opened++;
    } else break;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Stack traces

/** How sure a run of trace-like text is a stack trace. */
export const TraceLevel = {
  /** Only exception names or `... N more`: prose may mention those. */
  weak: 0,
  /** An exception line (`Caused by:`, `x.y.FooException: message`): a trace when it sits in a code block. */
  header: 1,
  /** A stack frame or a traceback banner: a trace wherever it is. */
  frame: 2,
} as const;
export type TraceLevel = (typeof TraceLevel)[keyof typeof TraceLevel];

export interface TraceCluster extends Range {
  level: TraceLevel;
}

/**
 * Candidate positions, found in one pass; each is confirmed by a sticky pattern below. Every
 * quantifier is bounded, so a confirmation costs a bounded number of steps whatever the input.
 */
const ANCHOR =
  /\bat\s|Caused by:|Exception in thread "|Traceback \(most recent call last\)|\bFile "|#\d{1,4}[ \t]{1,8}0x|(?:Exception|Error|Throwable)\b|\.\.\.\s?\d{1,6} more\b/g;
/** `at org.foo.Bar.baz(Bar.java:42)`, `at Foo.<init>(Native Method)`, `at Object.<anonymous> (/x.js:1:2)`. */
const JAVA_FRAME =
  /at\s{1,20}[\w$<>]{1,200}(?:[./][\w$<>-]{1,200}){1,80}\s?\((?:[^()\n]{0,300}:\d{1,7}|Native Method|Unknown Source|Compiled Code)\s{0,20}\)/y;
const THREAD_BANNER = /Exception in thread "[^"\n]{0,200}"/y;
const PYTHON_FRAME = /File "[^"\n]{1,500}",\s{0,4}line \d{1,7}/y;
const NATIVE_FRAME = /#\d{1,4}[ \t]{1,8}0x[0-9a-fA-F]{1,16}[ \t]{1,8}in\s/y;
const QUALIFIED_EXCEPTION = /^[a-z_$][\w$]*(?:\.[\w$]+)*\.[A-Z][\w$]*$/;
const BARE_EXCEPTION = /^[A-Z][\w$]*$/;

/** Longest exception class name, package included, looked back for. */
const MAX_NAME = 300;
/** Longest run of other text (an exception message, a source line) inside one trace. */
const MAX_GAP = 300;

interface Anchor extends Range {
  level: TraceLevel;
}

/**
 * Finds stack traces: Java/JVM and JavaScript frames, `Caused by:`, exception names, Python
 * tracebacks and gdb/native frames. Anchors closer than MAX_GAP with no blank line between
 * them form one cluster; a cluster's level is that of its strongest anchor.
 */
export function scanStackTraces(text: string): TraceCluster[] {
  const clusters: TraceCluster[] = [];
  const names = new NameRun(text);
  let current: TraceCluster | null = null;
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const anchor = confirmAnchor(text, m.index, m[0], names);
    if (anchor === null) continue;
    if (anchor.end > m.index + m[0].length) ANCHOR.lastIndex = anchor.end;
    if (current !== null && anchor.start - current.end <= MAX_GAP && !hasBlankLine(text, current.end, anchor.start)) {
      current.end = Math.max(current.end, anchor.end);
      if (anchor.level > current.level) current.level = anchor.level;
    } else {
      current = { start: anchor.start, end: anchor.end, level: anchor.level };
      clusters.push(current);
    }
  }
  return clusters;
}

function confirmAnchor(text: string, at: number, found: string, names: NameRun): Anchor | null {
  const sticky = (pattern: RegExp, level: TraceLevel): Anchor | null => {
    pattern.lastIndex = at;
    return pattern.test(text) ? { start: at, end: pattern.lastIndex, level } : null;
  };
  switch (found.charCodeAt(0)) {
    case 0x61: // a
      return sticky(JAVA_FRAME, TraceLevel.frame);
    case 0x43: // C
      return { start: at, end: at + found.length, level: TraceLevel.header };
    case 0x54: // T
      return found.length > 9 ? { start: at, end: at + found.length, level: TraceLevel.frame } : exceptionName(text, at, found, names);
    case 0x46: // F
      return sticky(PYTHON_FRAME, TraceLevel.frame);
    case 0x23: // #
      return sticky(NATIVE_FRAME, TraceLevel.frame);
    case 0x2e: // .
      return { start: at, end: at + found.length, level: TraceLevel.weak };
    default:
      return found.length > 9 ? sticky(THREAD_BANNER, TraceLevel.frame) : exceptionName(text, at, found, names);
  }
}

/** An exception class name ending at `at + suffix.length`, e.g. `java.lang.NullPointerException` or `ValueError:`. */
function exceptionName(text: string, at: number, suffix: string, names: NameRun): Anchor | null {
  const end = at + suffix.length;
  let start = names.startBefore(at);
  while (start < at && !isLetter(text.charCodeAt(start))) start++;
  const name = text.slice(start, end);
  const next = text.charCodeAt(end);
  const endsLine = next === 0x3a || next === 0x0a || next === 0x0d || end === text.length;
  if (QUALIFIED_EXCEPTION.test(name)) return { start, end, level: endsLine ? TraceLevel.header : TraceLevel.weak };
  if (name.length > suffix.length && next === 0x3a && BARE_EXCEPTION.test(name)) return { start, end, level: TraceLevel.header };
  return null;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x24;
}

function isNameChar(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e;
}

/**
 * Start of the run of name characters (`[\w$.]`) that ends at a position. Queries come in
 * increasing order and a backward scan stops where the previous one started from, so in a long
 * run (`Error.Error.Error...`) each character is read once.
 */
class NameRun {
  private lastAt = -1;
  private lastStart = 0;

  constructor(private readonly text: string) {}

  startBefore(at: number): number {
    const floor = Math.max(0, at - MAX_NAME);
    let start = at;
    while (start > floor && isNameChar(this.text.charCodeAt(start - 1))) {
      start--;
      if (start === this.lastAt) {
        start = Math.max(this.lastStart, floor);
        break;
      }
    }
    this.lastAt = at;
    this.lastStart = start;
    return start;
  }
}

function hasBlankLine(text: string, from: number, to: number): boolean {
  const first = text.indexOf('\n', from);
  if (first < 0 || first >= to) return false;
  let newlines = 0;
  for (let i = first; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (++newlines === 2) return true;
    } else if (c !== 0x0d && !isSpace(c)) newlines = 0;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Assembling and normalising spans

/** Span kinds from the weakest to the strongest claim on an overlap. */
const KIND_BY_PRIORITY: Span['kind'][] = ['url', 'code', 'stacktrace'];

/**
 * The spans of an extracted field: the spans its markup gave, its code blocks (which become
 * stack traces when a trace shows in them), stack traces and (unless the caller marked them
 * already) bare URLs found in the text.
 */
export function finishSpans(text: string, markup: Span[], codeBlocks: Range[], findBareUrls = true): Span[] {
  const clusters = scanStackTraces(text);
  const spans = markup.slice();
  let c = 0;
  for (const block of codeBlocks) {
    while (c < clusters.length && (clusters[c] as TraceCluster).end <= block.start) c++;
    let kind: Span['kind'] = 'code';
    for (let k = c; k < clusters.length && (clusters[k] as TraceCluster).start < block.end; k++) {
      if ((clusters[k] as TraceCluster).level >= TraceLevel.header) kind = 'stacktrace';
    }
    spans.push({ start: block.start, end: block.end, kind });
  }
  for (const cluster of clusters) {
    if (cluster.level === TraceLevel.frame) spans.push({ start: cluster.start, end: cluster.end, kind: 'stacktrace' });
  }
  if (findBareUrls) findUrls(text, spans);
  return normalizeSpans(spans, text.length);
}

/**
 * Sorted, non-overlapping spans within [0, length), start < end, neighbours of the same kind
 * merged. Where spans of different kinds overlap, the stack trace wins over code and code over
 * a URL (a URL inside a code block is code).
 */
export function normalizeSpans(spans: readonly Span[], length: number): Span[] {
  const events: Array<{ at: number; delta: number; priority: number }> = [];
  for (const span of spans) {
    const priority = KIND_BY_PRIORITY.indexOf(span.kind);
    if (priority < 0 || !Number.isFinite(span.start) || !Number.isFinite(span.end)) continue;
    const start = Math.max(0, Math.floor(span.start));
    const end = Math.min(length, Math.floor(span.end));
    if (start >= end) continue;
    events.push({ at: start, delta: 1, priority }, { at: end, delta: -1, priority });
  }
  events.sort((a, b) => a.at - b.at);
  const open = [0, 0, 0];
  const result: Span[] = [];
  let from = 0;
  for (let e = 0; e < events.length; ) {
    const at = (events[e] as (typeof events)[number]).at;
    const kind = topKind(open);
    if (kind !== null && at > from) {
      const last = result[result.length - 1];
      if (last !== undefined && last.kind === kind && last.end === from) last.end = at;
      else result.push({ start: from, end: at, kind });
    }
    for (; e < events.length && (events[e] as (typeof events)[number]).at === at; e++) {
      const event = events[e] as (typeof events)[number];
      open[event.priority] = (open[event.priority] as number) + event.delta;
    }
    from = at;
  }
  return result;
}

function topKind(open: number[]): Span['kind'] | null {
  for (let p = open.length - 1; p >= 0; p--) {
    if ((open[p] as number) > 0) return KIND_BY_PRIORITY[p] as Span['kind'];
  }
  return null;
}
