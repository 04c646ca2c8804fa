import { isSpace } from './chars';

/** Characters a word sits against without a space: no space after these... */
const OPENING = new Set(['(', '[', '{', '"', "'", '\u201c', '\u2018']);
/** ...and none before these. */
const CLOSING = new Set([')', ']', '}', '"', "'", '\u201d', '\u2019', '.', ',', ';', ':', '!', '?']);

/**
 * How strongly a pending separator holds: a stronger request replaces a weaker one, so a table
 * cell's " | " wins over the paragraph break inside the previous cell, and a row break wins over both.
 */
export const Strength = {
  /** A space after an inline atom (mention, emoji...), unless punctuation follows. */
  spaceAfter: -2,
  /** A space before an inline atom, unless an opening bracket or quote precedes. */
  spaceBefore: -1,
  block: 0,
  cell: 1,
  row: 2,
} as const;

/**
 * Accumulates extracted text in chunks (one join at the end, no repeated concatenation) and
 * writes separators lazily: never at the start, never twice, only when more text follows.
 */
export class TextBuilder {
  private readonly chunks: string[] = [];
  private size = 0;
  private last = '\n';
  private pending: string | null = null;
  private pendingStrength: number = Strength.block;

  get length(): number {
    return this.size;
  }

  separate(separator: string, strength: number): void {
    if (this.pending === null || strength >= this.pendingStrength) {
      this.pending = separator;
      this.pendingStrength = strength;
    }
  }

  /** Writes the pending separator as if a word followed; returns the offset where text goes next. */
  flush(): number {
    this.writePending('A');
    return this.size;
  }

  /** Appends text after any pending separator; returns the offset where the text starts. */
  write(text: string): number {
    if (text.length === 0) return this.size;
    this.writePending(text[0] as string);
    const start = this.size;
    this.chunks.push(text);
    this.size += text.length;
    this.last = text[text.length - 1] as string;
    return start;
  }

  build(): string {
    return this.chunks.join('');
  }

  private writePending(next: string): void {
    const separator = this.pending;
    if (separator === null) return;
    this.pending = null;
    if (this.size === 0) return;
    let wanted: boolean;
    switch (this.pendingStrength) {
      case Strength.spaceAfter:
        wanted = !isBlank(this.last) && !isBlank(next) && !CLOSING.has(next);
        break;
      case Strength.spaceBefore:
        wanted = !isBlank(this.last) && !isBlank(next) && !OPENING.has(this.last);
        break;
      default:
        wanted = separator !== '\n' || this.last !== '\n';
    }
    if (!wanted) return;
    this.chunks.push(separator);
    this.size += separator.length;
    this.last = separator[separator.length - 1] as string;
  }
}

function isBlank(ch: string): boolean {
  return isSpace(ch.charCodeAt(0));
}
