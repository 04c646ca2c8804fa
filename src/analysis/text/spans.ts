import type { Span } from '../types';
import * as chars from './chars';
import { TextPieces } from './pieces';

// a module constant, not an imported binding: compiled to CommonJS, that is a getter call at every use
const { isSpace } = chars;

/** What every extractor returns for one field: `text` is `pieces` joined, built when first read. */
export interface Extraction {
  readonly text: string;
  pieces: TextPieces;
  spans: Span[];
  warnings: string[];
}

class ExtractionResult implements Extraction {
  constructor(
    readonly pieces: TextPieces,
    readonly spans: Span[],
    readonly warnings: string[],
  ) {}

  get text(): string {
    return this.pieces.toString();
  }
}

export function extraction(pieces: TextPieces, spans: Span[], warnings: string[]): Extraction {
  return new ExtractionResult(pieces, spans, warnings);
}

/** Text given as a string or as pieces, as pieces. */
export function asPieces(text: string | TextPieces): TextPieces {
  return typeof text === 'string' ? TextPieces.of(text) : text;
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

/** Appends a url span for every bare URL in `text` (piece by piece: a URL is found within one piece). */
export function findUrls(text: string | TextPieces, out: Span[]): void {
  const pieces = asPieces(text);
  for (let k = 0; k < pieces.parts.length; k++) {
    const part = pieces.parts[k]!;
    const base = pieces.offsetOf(k);
    BARE_URL.lastIndex = 0;
    for (let m = BARE_URL.exec(part); m !== null; m = BARE_URL.exec(part)) {
      const end = trimUrlEnd(part, m.index, m.index + m[0].length);
      if (end > m.index + (m[1] as string).length) out.push({ start: base + m.index, end: base + end, kind: 'url' });
    }
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
 *
 * Pieces are read in place: an anchor is found and confirmed within one piece (extraction cuts
 * pieces where markup was, rarely inside a stack frame), while the characters around it (word
 * boundaries, the exception name before it, blank lines between anchors) are read across pieces.
 */
export function scanStackTraces(text: string | TextPieces): TraceCluster[] {
  const pieces = asPieces(text);
  const clusters: TraceCluster[] = [];
  const names = new NameRun(pieces);
  const anchors = new AnchorSearch();
  let current: TraceCluster | null = null;
  /** Where the last confirmed anchor ended: the scan resumes there. */
  let resume = 0;
  for (let k = 0; k < pieces.parts.length; k++) {
    const part = pieces.parts[k]!;
    const base = pieces.offsetOf(k);
    // the shortest anchor (`at `) has three characters: separators between pieces hold none
    if (part.length < 3 || resume >= base + part.length) continue;
    for (let m = anchors.next(pieces, k, Math.max(0, resume - base)); m !== null; m = anchors.next(pieces, k, m.index + m.found.length)) {
      if (!boundedLikeWhole(pieces, part, base, m.index, m.found)) continue;
      const anchor = confirmAnchor(pieces, part, base, m.index, m.found, names);
      if (anchor === null) continue;
      resume = anchor.end;
      if (current !== null && anchor.start - current.end <= MAX_GAP && !hasBlankLine(pieces, current.end, anchor.start)) {
        current.end = Math.max(current.end, anchor.end);
        if (anchor.level > current.level) current.level = anchor.level;
      } else {
        current = { start: anchor.start, end: anchor.end, level: anchor.level };
        clusters.push(current);
      }
      // an anchor confirmed past its match (a whole frame) is not searched again
      if (anchor.end - base > m.index + m.found.length) m = { index: anchor.end - base - m.found.length, found: m.found };
    }
  }
  return clusters;
}

/**
 * ANCHOR's matches in piece after piece, each within its piece. A piece copied from the input is
 * searched in the input itself: one search over a flat string rather than one per piece (an
 * extraction has thousands), and a match found beyond a piece serves the pieces up to it.
 */
class AnchorSearch {
  private source: string | undefined;
  /** Where in `source` the last search started, and the first match at or after it (null: none). */
  private searchedFrom = -1;
  private found: RegExpExecArray | null = null;

  /** The first match in piece `k` at or after `from` (an index into the piece), or null. */
  next(pieces: TextPieces, k: number, from: number): { index: number; found: string } | null {
    const part = pieces.parts[k]!;
    const source = pieces.source(k);
    if (source === part) {
      ANCHOR.lastIndex = from;
      const m = ANCHOR.exec(part);
      return m === null ? null : { index: m.index, found: m[0] };
    }
    const start = pieces.sourceStart(k);
    const end = start + part.length;
    for (let at = start + from; at < end; ) {
      if (source !== this.source || at < this.searchedFrom || (this.found !== null && this.found.index < at)) {
        ANCHOR.lastIndex = at;
        this.source = source;
        this.searchedFrom = at;
        this.found = ANCHOR.exec(source);
      }
      const m = this.found;
      if (m === null || m.index >= end) return null;
      if (m.index + m[0].length <= end) return { index: m.index - start, found: m[0] };
      // runs past the piece (into markup the extraction dropped): not an anchor here
      at = m.index + 1;
    }
    return null;
  }
}

/**
 * ANCHOR's `\b` sees the edges of a piece as word boundaries; this checks them against the
 * characters of the neighbouring pieces, as if the text were one string.
 */
function boundedLikeWhole(pieces: TextPieces, part: string, base: number, at: number, found: string): boolean {
  const first = found.charCodeAt(0);
  if (at === 0 && (first === 0x61 /* at */ || first === 0x46 /* File */) && isWordCode(pieces.charCodeAt(base - 1))) return false;
  const end = at + found.length;
  const last = found.charCodeAt(found.length - 1);
  if (end === part.length && isWordCode(last) && isWordCode(pieces.charCodeAt(base + end))) return false;
  return true;
}

function isWordCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/** The anchor `pattern` (sticky) matches at `at` in `part`, if it does. */
function sticky(pattern: RegExp, part: string, base: number, at: number, level: TraceLevel): Anchor | null {
  pattern.lastIndex = at;
  return pattern.test(part) ? { start: base + at, end: base + pattern.lastIndex, level } : null;
}

function confirmAnchor(pieces: TextPieces, part: string, base: number, at: number, found: string, names: NameRun): Anchor | null {
  switch (found.charCodeAt(0)) {
    case 0x61: // a
      return sticky(JAVA_FRAME, part, base, at, TraceLevel.frame);
    case 0x43: // C
      return { start: base + at, end: base + at + found.length, level: TraceLevel.header };
    case 0x54: // T
      return found.length > 9 ? { start: base + at, end: base + at + found.length, level: TraceLevel.frame } : exceptionName(pieces, base + at, found, names);
    case 0x46: // F
      return sticky(PYTHON_FRAME, part, base, at, TraceLevel.frame);
    case 0x23: // #
      return sticky(NATIVE_FRAME, part, base, at, TraceLevel.frame);
    case 0x2e: // .
      return { start: base + at, end: base + at + found.length, level: TraceLevel.weak };
    default:
      return found.length > 9 ? sticky(THREAD_BANNER, part, base, at, TraceLevel.frame) : exceptionName(pieces, base + at, found, names);
  }
}

/** An exception class name ending at `at + suffix.length`, e.g. `java.lang.NullPointerException` or `ValueError:`. */
function exceptionName(pieces: TextPieces, at: number, suffix: string, names: NameRun): Anchor | null {
  const end = at + suffix.length;
  let start = names.startBefore(at);
  while (start < at && !isLetter(pieces.charCodeAt(start))) start++;
  const name = pieces.slice(start, end);
  const next = pieces.charCodeAt(end);
  const endsLine = next === 0x3a || next === 0x0a || next === 0x0d || end === pieces.length;
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

  constructor(private readonly text: TextPieces) {}

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

function hasBlankLine(text: TextPieces, from: number, to: number): boolean {
  if (from >= to) return false;
  // piece by piece, as hasBlankLine on the joined text: from the first line break, two breaks with only spaces between
  let newlines = 0;
  let afterFirstBreak = false;
  for (let k = text.pieceAt(from); k < text.parts.length; k++) {
    const base = text.offsetOf(k);
    if (base >= to) break;
    const part = text.parts[k]!;
    const end = Math.min(part.length, to - base);
    let i = Math.max(0, from - base);
    if (!afterFirstBreak) {
      const first = part.indexOf('\n', i);
      if (first < 0 || first >= end) continue;
      i = first;
      afterFirstBreak = true;
    }
    for (; i < end; i++) {
      const c = part.charCodeAt(i);
      if (c === 0x0a) {
        if (++newlines === 2) return true;
      } else if (c !== 0x0d && !isSpace(c)) newlines = 0;
    }
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
export function finishSpans(input: string | TextPieces, markup: Span[], codeBlocks: Range[], findBareUrls = true): Span[] {
  const text = asPieces(input);
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
