/** An ADF node as read from an issue: every property may be missing or of another shape. */
export interface AdfNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type?: string; attrs?: Record<string, unknown> }>;
  content?: AdfNode[];
}

/** The plain text of an ADF document: text nodes joined, block nodes separated by newlines. For JQL text search and changelog strings. */
export function adfPlainText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (type === 'text' && typeof text === 'string') return text;
  if (type === 'hardBreak') return '\n';
  if (!Array.isArray(content)) return '';
  const inline = content.every((child) => typeof child === 'object' && child !== null && ['text', 'hardBreak', 'mention', 'emoji', 'inlineCard'].includes(String((child as { type?: unknown }).type)));
  return content.map(adfPlainText).join(inline ? '' : '\n');
}
