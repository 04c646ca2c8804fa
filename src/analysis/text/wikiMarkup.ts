import type { FieldName, Span } from '../types';
import { Strength, TextBuilder } from './builder';
import * as chars from './chars';
import { plainToText } from './plainText';
import * as sanitize from './sanitize';
import { extraction, finishSpans, urlEnd, type Extraction, type Range } from './spans';

// Module constants, not imported bindings: compiled to CommonJS (tsx, jest), an imported binding
// is a getter call at every use, and these run for character after character.
const { isSpace, isWordChar } = chars;
const { binaryDataWarnings, isControl, replaceControls } = sanitize;

/*
 * Jira wiki markup (Jira Server/Data Center, REST v2) as described in Jira's "Text Formatting
 * Notation Help" (https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa?section=all).
 *
 * One forward pass: two regular expressions (a character class, heading markers) and a search
 * for `:/` (a URL's scheme) find the next place where markup may start; the text in between is copied as one slice, and only when
 * something before it changes. Every search
 * for a closing delimiter goes through a cache that only moves forward (NextIndex), so reading is
 * linear in the input, pathological input included. Line-based markup (headings, lists) is
 * recognised at a real line start and also after two or more spaces, which is what a line break
 * becomes once a description has been flattened to one line.
 */

/**
 * Text up to the next character where markup may start or a control character to replace. Not
 * `:`: most colons in tickets start no URL ("Caused by:", "line 12:"), and stopping at each
 * costs more than looking for `:/` on its own. A sticky run of a negated class, read with test(): the fastest scan, and
 * no match object per stop.
 */
// eslint-disable-next-line no-control-regex
const PLAIN_RUN = /[^{[!*_\-+^~|&\\<#`\u0000-\u0008\u000B\u000C\u000E-\u001F]*/y;
/** Heading and quote markers, markup only at a line start. */
const HEADING = /h[1-6]\.|bq\./g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/y;
const NAMED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['ndash', '\u2013'],
  ['mdash', '\u2014'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['hellip', '\u2026'],
]);
const ESCAPABLE = '*_-+^~{}[]!|?#';
/** An HTML tag, inside `{html}`. */
const HTML_TAG = /<\/?[a-zA-Z][^<>]{0,500}>/y;
const IMAGE_NAME = /^(?:https?:\/\/\S+|[^\s|!][^|!\n]*\.(?:png|jpe?g|gif|bmp|svg|webp|tiff?))$/i;
const LINK_TARGET = /^(?:[a-z][a-z0-9+.-]{1,15}:\/\/|mailto:|file:|www\.|\/|#|\^)/i;
const URL_TARGET = /^(?:[a-z][a-z0-9+.-]{1,15}:\/\/|mailto:|file:|www\.|\/)/i;
const PANEL_TITLE = /(?:^|\|)title=([^|]*)/;
/** Schemes of bare URLs, whose characters (`_`, `~`, `-`...) are never markup. */
const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'file']);

const CODE_MACROS = new Set(['code', 'noformat']);
/** Macros whose tags are dropped and whose content is kept; block ones also break the line. */
const BLOCK_MACROS = new Set(['quote', 'panel', 'html']);
const INLINE_MACROS = new Set(['color', 'anchor']);

/** Longest stretch searched for a closing delimiter; past it the opener is taken literally. */
const MAX_MONOSPACE = 1000;
const MAX_LINK = 1000;
const MAX_IMAGE = 300;
const MAX_EFFECT = 500;
const MAX_MACRO_PARAMS = 500;
const MAX_MACRO_NAME = 20;

/** Converts Jira wiki markup to text; `{code}`, `{noformat}` and `{{monospace}}` become code spans, links url spans. */
export function wikiToText(markup: string, field: FieldName): Extraction {
  const src = typeof markup === 'string' ? markup : '';
  const warnings = binaryDataWarnings(src, field);
  // Pasted binary data holds no markup, only characters that look like it: read as plain text
  // (as markup, a megabyte of it became most of a million pieces and took half a second).
  if (warnings.length > 0) return plainToText(src, field);
  // The reader replaces control characters as it copies, sparing a sanitised copy of the whole input.
  const reader = new WikiReader(src);
  reader.read();
  const text = reader.out.build();
  // The reader marks bare URLs itself (it must skip them anyway), so finishSpans need not look for them.
  return extraction(text, finishSpans(text, reader.spans, reader.codeBlocks, false), warnings);
}

/**
 * The first position at or after `from` found by `search`, remembered: when queries come in
 * increasing order (they do, the reader moves forward) each part of the text is searched once.
 */
class NextIndex {
  private from = 0;
  private found = -2;

  constructor(private readonly search: (from: number) => number) {}

  at(from: number): number {
    if (from >= this.from && (this.found === -1 || this.found >= from)) return this.found;
    this.from = from;
    this.found = this.search(from);
    return this.found;
  }
}

class WikiReader {
  readonly out = new TextBuilder();
  readonly spans: Span[] = [];
  readonly codeBlocks: Range[] = [];
  private readonly n: number;
  /** Start of the source text not yet copied to `out`. */
  private copied = 0;
  /** Closing effect markers (`*`, `_`...) already paired with an opener, dropped when reached. */
  private readonly closers = new Set<number>();
  /** Link targets to skip: the `|url]` after a link text. */
  private readonly jumps = new Map<number, number>();
  private readonly searches = new Map<string, NextIndex>();
  /** End of the current `{html}` body, inside which HTML tags are dropped too. */
  private htmlEnd = -1;

  /** The searches every step of read() makes: built once, not per step. */
  private readonly nextSpecial: NextIndex;
  private readonly nextHeading: NextIndex;
  private readonly nextScheme: NextIndex;

  constructor(private readonly src: string) {
    this.n = src.length;
    this.nextSpecial = new NextIndex((from) => nextSpecial(src, from));
    this.nextHeading = new NextIndex((from) => nextMatch(HEADING, src, from));
    this.nextScheme = new NextIndex((from) => src.indexOf(':/', from));
  }

  read(): void {
    let i = 0;
    while (i < this.n) {
      const special = this.nextSpecial.at(i);
      const heading = this.nextHeading.at(i);
      const scheme = this.nextScheme.at(i);
      // the three never stand at the same position
      const next = firstOf(firstOf(special, heading), scheme);
      if (next < 0) break;
      i = next === heading ? this.heading(next) : next === scheme ? this.url(next) : this.markup(next);
    }
    this.copyTo(this.n);
  }

  /** Copies the source not copied yet, up to `to`. */
  private copyTo(to: number): void {
    if (to > this.copied) this.out.write(this.src.slice(this.copied, to), this.src, this.copied);
  }

  /** Replaces the source in [from, to) by `replacement` (control characters replaced); returns `to`. */
  private replace(from: number, to: number, replacement = ''): number {
    this.copyTo(from);
    this.out.write(replaceControls(replacement));
    this.copied = to;
    return to;
  }

  /** Writes `text` (control characters replaced) in place of the source in [from, to) as a span of `kind`; returns `to`. */
  private replaceWithSpan(from: number, to: number, text: string, kind: Span['kind']): number {
    this.copyTo(from);
    const start = this.out.write(replaceControls(text));
    if (this.out.length > start) this.spans.push({ start, end: this.out.length, kind });
    this.copied = to;
    return to;
  }

  /** Reads the markup that may start at `i`; returns where reading goes on. */
  private markup(i: number): number {
    const c = this.src.charCodeAt(i);
    switch (c) {
      case 0x7b: // {
        return this.src.charCodeAt(i + 1) === 0x7b ? this.monospace(i) : this.macro(i);
      case 0x5b: // [
        return this.link(i);
      case 0x21: // !
        return this.image(i);
      case 0x7c: // |
        return this.pipe(i);
      case 0x26: // &
        return this.entity(i);
      case 0x5c: // backslash
        return this.escape(i);
      case 0x3c: // <
        return this.htmlTag(i);
      case 0x23: // #
        return this.listMarker(i) ?? i + 1;
      case 0x60: // `
        return this.backtick(i);
      case 0x2a: // *
      case 0x2d: // -
        return this.listMarker(i) ?? this.effect(i, c);
      default:
        return isControl(c) ? this.replace(i, i + 1, ' ') : this.effect(i, c);
    }
  }

  private cached(key: string, search: (from: number) => number, from: number): number {
    let next = this.searches.get(key);
    if (next === undefined) {
      next = new NextIndex(search);
      this.searches.set(key, next);
    }
    return next.at(from);
  }

  private indexOf(needle: string, from: number): number {
    return this.cached(needle, (start) => this.src.indexOf(needle, start), from);
  }

  private newlineBefore(from: number, to: number): boolean {
    const newline = this.indexOf('\n', from);
    return newline >= 0 && newline < to;
  }

  /**
   * At a line start (after a line break and indentation, or after two spaces: a flattened line
   * break), a line marker is markup: true there, false elsewhere.
   */
  private atLineStart(i: number): boolean {
    const prev = this.src.charCodeAt(i - 1);
    if (i === 0 || prev === 0x0a || prev === 0x0d) return true;
    if (prev !== 0x20 && prev !== 0x09) return false;
    const before = this.src.charCodeAt(i - 2);
    return i === 1 || before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d;
  }

  /** `h1.`..`h6.` and `bq.` are dropped at a line start (`h5.Title`, without the space, is seen in tickets too). */
  private heading(i: number): number {
    return this.atLineStart(i) ? this.replace(i, i + 3) : i + 1;
  }

  /** List bullets (`*`, `#`, `**`, `#*`) and rules (`----`) at a line start are dropped; null if `i` holds none. */
  private listMarker(i: number): number | null {
    if (!this.atLineStart(i)) return null;
    const { src } = this;
    const c = src.charCodeAt(i);
    let end = i;
    if (c === 0x2d) {
      while (end < i + 4 && src.charCodeAt(end) === 0x2d) end++;
    } else {
      while (end < i + 6 && (src.charCodeAt(end) === 0x2a || src.charCodeAt(end) === 0x23)) end++;
    }
    return end >= this.n || isSpace(src.charCodeAt(end)) ? this.replace(i, end) : null;
  }

  /** `|` and `||` (table cells and headers) become " | ", except after a link text, where `|url]` goes. */
  private pipe(i: number): number {
    const jump = this.jumps.get(i);
    if (jump !== undefined) {
      this.jumps.delete(i);
      return this.replace(i, jump);
    }
    return this.replace(i, this.src.charCodeAt(i + 1) === 0x7c ? i + 2 : i + 1, ' | ');
  }

  /** `{{monospace}}` → code span. */
  private monospace(i: number): number {
    const close = this.indexOf('}}', i + 2);
    if (close <= i + 2 || close - i > MAX_MONOSPACE) return i + 1;
    return this.replaceWithSpan(i, close + 2, this.src.slice(i + 2, close), 'code');
  }

  /**
   * Markdown code, as pasted into Jira from GitHub and chat: a ``` fence (a language word
   * alone on its line dropped) is a code block up to the closing fence or the end; `inline` is a code span.
   */
  private backtick(i: number): number {
    const { src } = this;
    if (src.startsWith('```', i)) {
      let bodyStart = i + 3;
      while (bodyStart < this.n && isAsciiLetter(src.charCodeAt(bodyStart)) && bodyStart - i < 3 + MAX_MACRO_NAME) bodyStart++;
      const after = src.charCodeAt(bodyStart);
      if (bodyStart < this.n && after !== 0x0a && after !== 0x0d) bodyStart = i + 3;
      return this.fencedBlock(i, bodyStart);
    }
    const close = this.indexOf('`', i + 1);
    if (close <= i + 1 || close - i > MAX_MONOSPACE || this.newlineBefore(i + 1, close)) return i + 1;
    return this.replaceWithSpan(i, close + 1, src.slice(i + 1, close), 'code');
  }

  private fencedBlock(i: number, bodyStart: number): number {
    const close = this.indexOf('```', bodyStart);
    return this.codeBody(i, bodyStart, close, close < 0 ? this.n : close + 3);
  }

  /** `{code}`, `{noformat}`, `{quote}`, `{panel}`, `{color}`, `{html}`...: known macros only, others stay text. */
  private macro(i: number): number {
    const { src } = this;
    let k = i + 1;
    while (k < this.n && k - i <= MAX_MACRO_NAME + 1 && isAsciiLetter(src.charCodeAt(k))) k++;
    const name = src.slice(i + 1, k);
    const isCode = CODE_MACROS.has(name);
    const isBlock = BLOCK_MACROS.has(name);
    if (!isCode && !isBlock && !INLINE_MACROS.has(name)) return i + 1;
    let params = '';
    let tagEnd: number;
    if (src.charCodeAt(k) === 0x7d) {
      tagEnd = k + 1;
    } else if (src.charCodeAt(k) === 0x3a) {
      const close = this.indexOf('}', k + 1);
      const open = this.indexOf('{', k + 1);
      if (close < 0 || close - k > MAX_MACRO_PARAMS || (open >= 0 && open < close)) return i + 1;
      params = src.slice(k + 1, close);
      tagEnd = close + 1;
    } else {
      return i + 1;
    }
    if (isCode) return this.codeBlock(i, name, tagEnd);
    this.replace(i, tagEnd);
    if (name === 'html') {
      const close = this.indexOf('{html}', tagEnd);
      this.htmlEnd = i === this.htmlEnd ? -1 : close < 0 ? this.n : close;
    }
    if (isBlock) {
      this.out.separate('\n', Strength.block);
      const title = name === 'panel' ? PANEL_TITLE.exec(params) : null;
      if (title !== null) {
        this.out.write(replaceControls((title[1] as string).trim()));
        this.out.separate('\n', Strength.block);
      }
    }
    return tagEnd;
  }

  /** The body of `{code}`/`{noformat}`, up to the same closing tag (or the end, when unclosed), is code. */
  private codeBlock(i: number, name: string, bodyStart: number): number {
    const closeTag = `{${name}}`;
    const close = this.indexOf(closeTag, bodyStart);
    return this.codeBody(i, bodyStart, close, close < 0 ? this.n : close + closeTag.length);
  }

  /** Source [bodyStart, close) (to the end when close < 0) becomes a code block; reading goes on at `end`. */
  private codeBody(i: number, bodyStart: number, close: number, end: number): number {
    let s = bodyStart;
    let e = close < 0 ? this.n : close;
    while (s < e && isSpace(this.src.charCodeAt(s))) s++;
    while (e > s && isSpace(this.src.charCodeAt(e - 1))) e--;
    this.replace(i, bodyStart);
    this.out.separate('\n', Strength.block);
    if (e > s) {
      const code = this.src.slice(s, e);
      const clean = replaceControls(code);
      const start = this.out.write(clean, clean === code ? this.src : undefined, s);
      this.codeBlocks.push({ start, end: this.out.length });
    }
    this.out.separate('\n', Strength.block);
    this.copied = end;
    return end;
  }

  /** `[text|url]` → text; `[url]` and `[|url]` → url span; `[~user]` → user; anything else stays text. */
  private link(i: number): number {
    const close = this.indexOf(']', i + 1);
    const open = this.indexOf('[', i + 1);
    if (close < 0 || close - i > MAX_LINK || (open >= 0 && open < close) || this.newlineBefore(i + 1, close)) return i + 1;
    const content = this.src.slice(i + 1, close);
    if (content.length > 1 && content.charCodeAt(0) === 0x7e) return this.replace(i, close + 1, content.slice(1));
    const pipe = content.indexOf('|');
    const target = (pipe < 0 ? content : (content.slice(pipe + 1).split('|', 1)[0] as string)).trim();
    if (!LINK_TARGET.test(target)) return i + 1;
    if (pipe > 0 && content.slice(0, pipe).trim() !== '') {
      this.jumps.set(i + 1 + pipe, close + 1);
      return this.replace(i, i + 1);
    }
    if (URL_TARGET.test(target)) return this.replaceWithSpan(i, close + 1, target, 'url');
    // `[#anchor]` and `[^attachment.txt]`: the name is what a reader sees.
    return this.replace(i, close + 1, target.slice(1));
  }

  /** `!image.png!`, `!image.png|thumbnail!`, `!http://host/image.png!` are dropped. */
  private image(i: number): number {
    const close = this.indexOf('!', i + 1);
    if (close < 0 || close - i > MAX_IMAGE || this.newlineBefore(i + 1, close)) return i + 1;
    const content = this.src.slice(i + 1, close);
    const pipe = content.indexOf('|');
    return IMAGE_NAME.test(pipe < 0 ? content : content.slice(0, pipe)) ? this.replace(i, close + 1) : i + 1;
  }

  /** A bare URL is a url span, copied as it is: its `_`, `~`, `-` are not markup. */
  private url(i: number): number {
    const { src } = this;
    let start = i;
    while (start > i - 5 && isAsciiLetter(src.charCodeAt(start - 1))) start--;
    const scheme = src.slice(start, i).toLowerCase();
    if (!URL_SCHEMES.has(scheme) || isWordChar(src.charCodeAt(start - 1))) return i + 1;
    const slashes = scheme === 'file' ? 1 : 2;
    if (src.charCodeAt(i + 1) !== 0x2f || (slashes === 2 && src.charCodeAt(i + 2) !== 0x2f)) return i + 1;
    const end = urlEnd(src, start, i + 1 + slashes);
    if (end < 0) return i + 1;
    if (start < this.copied) return end;
    // The URL stays in the source not copied yet; flushing now fixes the offset it will have.
    this.copyTo(start);
    this.copied = start;
    const at = this.out.flush();
    this.spans.push({ start: at, end: at + end - start, kind: 'url' });
    return end;
  }

  /**
   * `*bold*`, `_italic_`, `-strike-`, `+under+`, `^sup^`, `~sub~`: the markers go, the words stay.
   * As in Jira, an opener follows no letter or digit and precedes a non-space, a closer follows a
   * non-space and precedes no letter or digit, both on one line; so `a-b-c` and `foo_bar_baz` stay.
   */
  private effect(i: number, c: number): number {
    if (this.closers.delete(i)) return this.replace(i, i + 1);
    const { src } = this;
    const prev = i > 0 ? src.charCodeAt(i - 1) : NaN;
    const next = src.charCodeAt(i + 1);
    if (i + 1 >= this.n || isWordChar(prev) || prev === c || isSpace(next) || next === c) return i + 1;
    const close = this.closerOf(c, i + 2);
    if (close < 0 || close - i > MAX_EFFECT || this.closers.has(close) || this.newlineBefore(i + 1, close)) return i + 1;
    this.closers.add(close);
    return this.replace(i, i + 1);
  }

  /** The next `c` that can close an effect: after a non-space, before no letter or digit. */
  private closerOf(c: number, from: number): number {
    return this.cached(`closer ${c}`, (start) => this.findCloser(c, start), from);
  }

  private findCloser(c: number, from: number): number {
    const { src } = this;
    const ch = String.fromCharCode(c);
    for (let k = src.indexOf(ch, from); k >= 0; k = src.indexOf(ch, k + 1)) {
      const prev = src.charCodeAt(k - 1);
      const next = src.charCodeAt(k + 1);
      if (!isSpace(prev) && prev !== c && !isWordChar(next) && next !== c) return k;
    }
    return -1;
  }

  /** Decodes `&amp;`, `&#64;`, `&#x41;` and a few named entities; anything else stays as written. */
  private entity(i: number): number {
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(this.src);
    if (m === null) return i + 1;
    let decoded: string | undefined;
    if (m[3] !== undefined) {
      decoded = NAMED_ENTITIES.get(m[3]);
    } else {
      const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2] as string, 16);
      if (isPrintableCodePoint(code)) decoded = String.fromCodePoint(code);
    }
    return decoded === undefined ? i + 1 : this.replace(i, i + m[0].length, decoded);
  }

  /** `\*`, `\{`, `\[`...: the character itself, not markup. */
  private escape(i: number): number {
    const next = this.src[i + 1];
    if (next === undefined || !ESCAPABLE.includes(next)) return i + 1;
    this.replace(i, i + 1);
    return i + 2;
  }

  /** Tags inside `{html}` are markup too; elsewhere `<` is text. */
  private htmlTag(i: number): number {
    if (i >= this.htmlEnd) return i + 1;
    HTML_TAG.lastIndex = i;
    if (!HTML_TAG.test(this.src)) return i + 1;
    const end = HTML_TAG.lastIndex;
    this.replace(i, end);
    this.out.separate(' ', Strength.spaceBefore);
    return end;
  }
}

function nextSpecial(text: string, from: number): number {
  PLAIN_RUN.lastIndex = from;
  PLAIN_RUN.test(text);
  return PLAIN_RUN.lastIndex < text.length ? PLAIN_RUN.lastIndex : -1;
}

/** The smaller of two positions, -1 standing for none. */
function firstOf(a: number, b: number): number {
  return a < 0 || (b >= 0 && b < a) ? b : a;
}

function nextMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m === null ? -1 : m.index;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isPrintableCodePoint(code: number): boolean {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
