import type { AdfDocument } from '../../sim/jira';

/**
 * Jira wiki markup (https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa?section=all) to an
 * Atlassian Document Format document (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/),
 * as Jira Cloud's editor would hold the same text. Covers what tickets use most: paragraphs (lines
 * joined by hard breaks), headings `h1.`–`h6.`, `{code[:lang]}` and `{noformat}` blocks, bullet
 * and numbered lists (`*`, `-`, `#`, nested), quotes `bq.`, rules `----`, and inline `{{code}}`,
 * `*strong*`, `_emphasis_` and links `[text|url]`. Anything else (tables, panels, colours) stays
 * as its literal text, which is what the analysis reads anyway.
 */

type Mark = { type: 'code' | 'strong' | 'em' } | { type: 'link'; attrs: { href: string } };
type Inline = { type: 'text'; text: string; marks?: Mark[] } | { type: 'hardBreak' };
type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; attrs: { level: number }; content: Inline[] }
  | { type: 'codeBlock'; attrs?: { language: string }; content: Inline[] }
  | { type: 'blockquote'; content: Block[] }
  | { type: 'rule' }
  | ListNode;
interface ListNode {
  type: 'bulletList' | 'orderedList';
  content: ListItem[];
}
interface ListItem {
  type: 'listItem';
  content: Block[];
}
/** The list being read, and the open list at each depth. */
interface OpenList {
  root: ListNode;
  stack: ListNode[];
}

const CODE_OPEN = /^\s*\{(code|noformat)(?::([^}]*))?\}(.*)$/;
const HEADING = /^\s*h([1-6])\.\s*(.*)$/;
const LIST_ITEM = /^\s*([*#-]+)\s+(.*)$/;
const QUOTE = /^\s*bq\.\s*(.*)$/;
const RULE = /^\s*-{4,}\s*$/;

export function wikiToAdf(markup: string): AdfDocument {
  const lines = markup.replace(/\r\n?/g, '\n').split('\n');
  const content: Block[] = [];
  let paragraph: string[] = [];
  let list: OpenList | undefined;

  const flushParagraph = () => {
    const inline = joinLines(paragraph);
    if (inline.length > 0) content.push({ type: 'paragraph', content: inline });
    paragraph = [];
  };
  const flushList = () => {
    if (list) content.push(list.root);
    list = undefined;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const code = CODE_OPEN.exec(line);
    if (code) {
      flushParagraph();
      flushList();
      const [, macro, parameters, rest] = code as unknown as [string, string, string | undefined, string];
      const body: string[] = [];
      const close = `{${macro}}`;
      let remainder = rest;
      for (;;) {
        const end = remainder.indexOf(close);
        if (end >= 0) {
          body.push(remainder.slice(0, end));
          break;
        }
        body.push(remainder);
        index += 1;
        if (index >= lines.length) break;
        remainder = lines[index] as string;
      }
      const text = trimBlankEdges(body).join('\n');
      const language = macro === 'code' ? languageOf(parameters) : undefined;
      content.push({ type: 'codeBlock', ...(language ? { attrs: { language } } : {}), content: text ? [{ type: 'text', text }] : [] });
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      content.push({ type: 'heading', attrs: { level: Number(heading[1]) }, content: inlineNodes(heading[2] as string) });
      continue;
    }
    if (RULE.test(line)) {
      flushParagraph();
      flushList();
      content.push({ type: 'rule' });
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      flushParagraph();
      flushList();
      const inline = inlineNodes(quote[1] as string);
      content.push({ type: 'blockquote', content: [{ type: 'paragraph', content: inline }] });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      if (list && list.root.type !== listType((item[1] as string)[0])) flushList();
      list = addListItem(list, item[1] as string, inlineNodes(item[2] as string));
      continue;
    }
    if (list) flushList();
    paragraph.push(line);
  }
  flushParagraph();
  flushList();
  return { type: 'doc', version: 1, content };
}

const listType = (marker: string | undefined): ListNode['type'] => (marker === '#' ? 'orderedList' : 'bulletList');

/** Adds an item at the depth of its markers (`*`, `**`, `#*`…); a change of list type at a depth starts a new list there. */
function addListItem(list: OpenList | undefined, markers: string, inline: Inline[]): OpenList {
  const item: ListItem = { type: 'listItem', content: [{ type: 'paragraph', content: inline }] };
  const root: ListNode = list?.root ?? { type: listType(markers[0]), content: [] };
  const stack = list ? list.stack.slice(0, markers.length) : [root];
  while (stack.length < markers.length) {
    const parent = stack[stack.length - 1] as ListNode;
    let lastItem = parent.content[parent.content.length - 1];
    if (!lastItem) {
      lastItem = { type: 'listItem', content: [{ type: 'paragraph', content: [] }] };
      parent.content.push(lastItem);
    }
    const nested: ListNode = { type: listType(markers[stack.length]), content: [] };
    lastItem.content.push(nested);
    stack.push(nested);
  }
  const depth = markers.length;
  const wanted = listType(markers[depth - 1]);
  if ((stack[depth - 1] as ListNode).type !== wanted && depth > 1) {
    const sibling: ListNode = { type: wanted, content: [] };
    ((stack[depth - 2] as ListNode).content.at(-1) as ListItem).content.push(sibling);
    stack[depth - 1] = sibling;
  }
  (stack[depth - 1] as ListNode).content.push(item);
  return { root, stack };
}

function joinLines(lines: string[]): Inline[] {
  const content: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) content.push({ type: 'hardBreak' });
    content.push(...inlineNodes(line));
  });
  while (content[content.length - 1]?.type === 'hardBreak') content.pop();
  return content;
}

/** `{{code}}`, `*strong*`, `_em_` (each between word boundaries), `[text|url]` and `[url]`; the rest is text. */
const INLINE = /\{\{(.+?)\}\}|(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])|\[(?:([^\]|]*)\|)?((?:https?|mailto|ftp):[^\]\s]+)\]/g;

export function inlineNodes(text: string): Inline[] {
  const nodes: Inline[] = [];
  const pushText = (value: string, marks?: Mark[]) => {
    if (value === '') return;
    nodes.push(marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    pushText(text.slice(last, match.index));
    const [whole, code, strong, em, linkText, href] = match;
    if (code !== undefined) pushText(code, [{ type: 'code' }]);
    else if (strong !== undefined) pushText(strong, [{ type: 'strong' }]);
    else if (em !== undefined) pushText(em, [{ type: 'em' }]);
    else if (href !== undefined) pushText(linkText || href, [{ type: 'link', attrs: { href } }]);
    else pushText(whole);
    last = match.index + whole.length;
  }
  pushText(text.slice(last));
  return nodes;
}

function languageOf(parameters: string | undefined): string | undefined {
  const language = parameters
    ?.split('|')
    .map((part) => part.trim())
    .find((part) => part !== '' && !part.includes('='));
  return language?.toLowerCase();
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === '') start += 1;
  while (end > start && (lines[end - 1] as string).trim() === '') end -= 1;
  return lines.slice(start, end);
}
