import { adfPlainText, type AdfNode } from '../../sim/jira/adfText';
import { escapeHtml, SafeHtml } from './html';

/**
 * An issue description (ADF) as HTML for the issue view: the block and inline nodes tickets use,
 * every text escaped, links only to http(s) and mailto. Nodes without a rendering here show their
 * plain text, so nothing of a description is hidden.
 */

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  table: 'table',
  tableRow: 'tr',
  tableHeader: 'th',
  tableCell: 'td',
  panel: 'div',
};

export function adfToHtml(doc: unknown): SafeHtml {
  if (typeof doc !== 'object' || doc === null) return new SafeHtml('');
  return new SafeHtml(children(doc as AdfNode));
}

function children(node: AdfNode): string {
  return (node.content ?? []).map(renderNode).join('');
}

function renderNode(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return marked(node);
    case 'hardBreak':
      return '<br>';
    case 'rule':
      return '<hr>';
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)));
      return `<h${level}>${children(node)}</h${level}>`;
    }
    case 'codeBlock':
      return `<pre class="code-block"><code>${escapeHtml((node.content ?? []).map((child) => child.text ?? '').join(''))}</code></pre>`;
    case 'table':
      return `<table class="adf-table"><tbody>${children(node)}</tbody></table>`;
    default: {
      const tag = node.type ? BLOCK_TAGS[node.type] : undefined;
      if (tag) return `<${tag}${node.type === 'panel' ? ' class="adf-panel"' : ''}>${children(node)}</${tag}>`;
      if (node.content) return children(node);
      const text = adfPlainText(node);
      return text ? escapeHtml(text) : '';
    }
  }
}

function marked(node: AdfNode): string {
  let out = escapeHtml(node.text ?? '');
  for (const mark of node.marks ?? []) {
    if (mark.type === 'code') out = `<code>${out}</code>`;
    else if (mark.type === 'strong') out = `<strong>${out}</strong>`;
    else if (mark.type === 'em') out = `<em>${out}</em>`;
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string' && /^(https?:|mailto:)/i.test(mark.attrs.href)) {
      out = `<a href="${escapeHtml(mark.attrs.href)}" rel="noreferrer noopener" target="_blank">${out}</a>`;
    }
  }
  return out;
}
