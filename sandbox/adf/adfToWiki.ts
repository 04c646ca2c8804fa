import { adfPlainText, type AdfNode } from '../../sim/jira/adfText';

/**
 * An ADF description back as wiki markup, for the edit form's text box: the inverse of
 * `wikiToAdf` for the nodes it makes. Other nodes (tables, panels, media, mentions) become their
 * plain text; the edit form sends the description only when the text was changed, so opening and
 * saving the form never rewrites a description it could not represent.
 */
export function adfToWiki(doc: unknown): string {
  if (typeof doc !== 'object' || doc === null) return '';
  return blocks((doc as AdfNode).content ?? [], '').join('\n\n');
}

function blocks(nodes: AdfNode[], listPrefix: string): string[] {
  return nodes.map((node) => block(node, listPrefix)).filter((text) => text !== '');
}

function block(node: AdfNode, listPrefix: string): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.content ?? []);
    case 'heading':
      return `h${Number(node.attrs?.level ?? 1)}. ${inline(node.content ?? [])}`;
    case 'codeBlock': {
      const language = typeof node.attrs?.language === 'string' ? `:${node.attrs.language}` : '';
      return `{code${language}}\n${(node.content ?? []).map((child) => child.text ?? '').join('')}\n{code}`;
    }
    case 'blockquote':
      return blocks(node.content ?? [], '').map((text) => `bq. ${text}`).join('\n');
    case 'rule':
      return '----';
    case 'bulletList':
    case 'orderedList': {
      const marker = listPrefix + (node.type === 'bulletList' ? '*' : '#');
      return (node.content ?? []).map((item) => listItem(item, marker)).join('\n');
    }
    default:
      return adfPlainText(node);
  }
}

function listItem(item: AdfNode, marker: string): string {
  const [first, ...rest] = item.content ?? [];
  const head = first && first.type === 'paragraph' ? `${marker} ${inline(first.content ?? [])}` : `${marker} `;
  const nested = (first && first.type !== 'paragraph' ? [first, ...rest] : rest).map((child) =>
    child.type === 'bulletList' || child.type === 'orderedList' ? block(child, marker) : `${marker} ${block(child, '')}`,
  );
  return [head, ...nested].join('\n');
}

function inline(nodes: AdfNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'hardBreak') return '\n';
      if (node.type !== 'text') return adfPlainText(node);
      let text = node.text ?? '';
      for (const mark of node.marks ?? []) {
        if (mark.type === 'code') text = `{{${text}}}`;
        else if (mark.type === 'strong') text = `*${text}*`;
        else if (mark.type === 'em') text = `_${text}_`;
        else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') text = text === mark.attrs.href ? `[${text}]` : `[${text}|${mark.attrs.href}]`;
      }
      return text;
    })
    .join('');
}
