import type { FieldName, Span } from '../types';
import { Strength, TextBuilder } from './builder';
import { binaryDataWarnings, replaceControls } from './sanitize';
import { extraction, finishSpans, type Extraction, type Range } from './spans';
import { Warnings } from './warnings';

/*
 * Atlassian Document Format, the rich text of Jira Cloud (REST v3):
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/ and the node
 * pages under .../apis/document/nodes/. Node types and attributes follow the JSON schema of
 * @atlaskit/adf-schema (dist/json-schema/v1/full.json and stage-0.json).
 *
 * The walk uses an explicit stack, so nesting depth is bounded by memory, not by the call stack,
 * and visits each node once. Input is `unknown`: anything that is not a well-formed node is
 * skipped with a warning, never thrown on.
 */

/** Nodes and content entries walked before giving up on a document (a guard for hostile input, not for Jira's). */
const MAX_STEPS = 5_000_000;

type Node = Record<string, unknown>;

/** What to do when a node's children are done. */
const Exit = { none: 0, block: 1, row: 2, codeBlock: 3 } as const;
type Exit = (typeof Exit)[keyof typeof Exit];

interface Frame {
  content: unknown[];
  next: number;
  exit: Exit;
  /** Where a code block's text starts. */
  start: number;
}

/** Block containers: their content is walked and they are separated from what surrounds them by a line break. */
const BLOCKS = new Set([
  'doc',
  'paragraph',
  'heading',
  'blockquote',
  'panel',
  'bulletList',
  'orderedList',
  'listItem',
  'taskList',
  'taskItem',
  'blockTaskItem',
  'decisionList',
  'decisionItem',
  'table',
  'caption',
  'mediaSingle',
  'mediaGroup',
  'layoutSection',
  'layoutColumn',
  'bodiedExtension',
  'multiBodiedExtension',
  'extensionFrame',
  'bodiedSyncBlock',
  'bodiedRule',
]);

/** Nodes whose parameters are not text: only their content, if any, is read. */
const EXTENSIONS = new Set(['extension', 'inlineExtension', 'syncBlock']);

/** Converts an ADF document to text; code blocks and `code` marks become code spans, cards and URL link texts url spans. */
export function adfToText(doc: unknown, field: FieldName): Extraction {
  const walker = new AdfWalker();
  walker.walk(doc);
  const raw = walker.out.build();
  const text = raw.map(replaceControls);
  return extraction(text, finishSpans(text, walker.spans, walker.codeBlocks), [...walker.warnings.list(), ...binaryDataWarnings(raw, field)]);
}

class AdfWalker {
  readonly out = new TextBuilder();
  readonly spans: Span[] = [];
  readonly codeBlocks: Range[] = [];
  readonly warnings = new Warnings();
  private readonly visited = new Set<object>();
  private steps = 0;

  walk(doc: unknown): void {
    if (!isNode(doc)) {
      this.warnings.add('ADF description is not an object');
      return;
    }
    if (doc.type !== 'doc') this.warnings.add('ADF root node is not of type doc');
    const stack: Frame[] = [];
    try {
      this.visited.add(doc);
      this.enter(doc, 0, stack);
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as Frame;
        if (frame.next >= frame.content.length) {
          stack.pop();
          this.exit(frame);
          continue;
        }
        if (++this.steps > MAX_STEPS) {
          this.warnings.add(`ADF description too large: reading stopped after ${MAX_STEPS} nodes`);
          return;
        }
        const position = frame.next++;
        const child = frame.content[position];
        if (!isNode(child)) {
          this.warnings.add('ADF content holds a value that is not a node');
        } else if (this.visited.has(child)) {
          this.warnings.add('ADF node reached twice (shared or cyclic object)');
        } else {
          this.visited.add(child);
          this.enter(child, position, stack);
        }
      }
    } catch {
      // Only a hostile object (a throwing getter or proxy) gets here; JSON from Jira cannot.
      this.warnings.add('ADF description could not be read completely');
    }
  }

  private enter(node: Node, position: number, stack: Frame[]): void {
    const type = node.type;
    const attrs = isNode(node.attrs) ? node.attrs : undefined;
    if (typeof type !== 'string') {
      this.warnings.add('ADF node without a type');
      this.descend(node, Exit.block, stack);
      return;
    }
    if (BLOCKS.has(type)) {
      this.out.separate('\n', Strength.block);
      this.descend(node, Exit.block, stack);
      return;
    }
    switch (type) {
      case 'text':
        this.text(node);
        return;
      case 'hardBreak':
      case 'rule':
        this.out.separate('\n', Strength.block);
        return;
      case 'tableRow':
        this.out.separate('\n', Strength.row);
        this.descend(node, Exit.row, stack);
        return;
      case 'tableHeader':
      case 'tableCell':
        if (position > 0) this.out.separate(' | ', Strength.cell);
        this.descend(node, Exit.none, stack);
        return;
      case 'codeBlock':
        this.out.separate('\n', Strength.block);
        this.descend(node, Exit.codeBlock, stack, this.out.flush());
        return;
      case 'expand':
      case 'nestedExpand':
        this.out.separate('\n', Strength.block);
        this.out.write(stringAttr(attrs, 'title'));
        this.out.separate('\n', Strength.block);
        this.descend(node, Exit.block, stack);
        return;
      case 'mention': {
        const name = stringAttr(attrs, 'text');
        this.atom(name === '' || name.startsWith('@') ? name : `@${name}`);
        return;
      }
      case 'emoji':
        this.atom(stringAttr(attrs, 'shortName') || stringAttr(attrs, 'text'));
        return;
      case 'status':
      case 'placeholder':
        this.atom(stringAttr(attrs, 'text'));
        return;
      case 'date':
        this.date(attrs);
        return;
      case 'media':
      case 'mediaInline':
        this.atom(stringAttr(attrs, 'alt'));
        return;
      case 'inlineCard':
        this.card(attrs);
        return;
      case 'blockCard':
      case 'embedCard':
        this.out.separate('\n', Strength.block);
        this.card(attrs);
        this.out.separate('\n', Strength.block);
        return;
      default:
        if (EXTENSIONS.has(type)) {
          if (Array.isArray(node.content)) this.descend(node, Exit.block, stack);
          return;
        }
        this.warnings.add(`unknown ADF node type "${type.slice(0, 40)}"`);
        this.out.separate('\n', Strength.block);
        this.descend(node, Exit.block, stack);
    }
  }

  private descend(node: Node, exit: Exit, stack: Frame[], start = 0): void {
    const content = node.content;
    if (content !== undefined && !Array.isArray(content)) this.warnings.add('ADF node content is not an array');
    stack.push({ content: Array.isArray(content) ? content : [], next: 0, exit, start });
  }

  private exit(frame: Frame): void {
    switch (frame.exit) {
      case Exit.block:
        this.out.separate('\n', Strength.block);
        return;
      case Exit.row:
        this.out.separate('\n', Strength.row);
        return;
      case Exit.codeBlock:
        if (this.out.length > frame.start) this.codeBlocks.push({ start: frame.start, end: this.out.length });
        this.out.separate('\n', Strength.block);
        return;
      case Exit.none:
        return;
    }
  }

  /** A text node; a `code` mark makes it code, a `link` mark whose visible text is a URL makes it a url. */
  private text(node: Node): void {
    const text = node.text;
    if (typeof text !== 'string') {
      this.warnings.add('ADF text node without text');
      return;
    }
    const start = this.out.write(text);
    const kind = markedKind(node.marks, text);
    if (kind !== null && text.length > 0) this.spans.push({ start, end: this.out.length, kind });
  }

  /** An inline node that stands for a word (mention, emoji, status...): kept apart from the words around it. */
  private atom(text: string, kind?: Span['kind']): void {
    if (text === '') return;
    this.out.separate(' ', Strength.spaceBefore);
    const start = this.out.write(text);
    if (kind !== undefined) this.spans.push({ start, end: this.out.length, kind });
    this.out.separate(' ', Strength.spaceAfter);
  }

  /** Smart links: the linked resource's name (attrs.data, JSON-LD) is prose, its URL a url span. */
  private card(attrs: Node | undefined): void {
    const data = attrs !== undefined && isNode(attrs.data) ? attrs.data : undefined;
    this.atom(stringAttr(data, 'name'));
    this.atom(stringAttr(attrs, 'url') || stringAttr(data, 'url'), 'url');
  }

  /** attrs.timestamp is milliseconds since the epoch, as a string (ADF date node); written as yyyy-mm-dd (UTC). */
  private date(attrs: Node | undefined): void {
    const iso = isoDate(attrs?.timestamp);
    if (iso === null) this.warnings.add('ADF date node without a valid timestamp');
    else this.atom(iso);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAttr(attrs: Node | undefined, key: string): string {
  const value = attrs?.[key];
  return typeof value === 'string' ? value : '';
}

const URL_TEXT = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

function markedKind(marks: unknown, text: string): Span['kind'] | null {
  if (!Array.isArray(marks)) return null;
  let kind: Span['kind'] | null = null;
  for (const mark of marks) {
    if (!isNode(mark)) continue;
    if (mark.type === 'code') return 'code';
    if (mark.type === 'link') {
      const href = isNode(mark.attrs) ? mark.attrs.href : undefined;
      const visible = text.trim();
      if (URL_TEXT.test(visible) || (typeof href === 'string' && href !== '' && visible === href)) kind = 'url';
    }
  }
  return kind;
}

/** Dates JavaScript can represent with a four-digit year. */
function isoDate(timestamp: unknown): string | null {
  let ms = NaN;
  if (typeof timestamp === 'number') ms = timestamp;
  else if (typeof timestamp === 'string' && /^\s*-?\d{1,16}\s*$/.test(timestamp)) ms = Number(timestamp);
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return null;
  return date.toISOString().slice(0, 10);
}
