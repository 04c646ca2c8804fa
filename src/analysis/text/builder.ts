import { isSpace, isWordChar } from './chars';

/**
 * How strongly a pending separator holds: a stronger request replaces a weaker one, so a table
 * cell's " | " wins over the paragraph break inside the previous cell, and a row break wins over both.
 */
export const Strength = {
  /** A space after an inline atom (mention, emoji...), written only if a word follows. */
  spaceAfter: -2,
  /** A space before an inline atom, written only if a word precedes. */
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
  private last = NaN;
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
    this.writePending(0x41);
    return this.size;
  }

  /** Appends text after any pending separator; returns the offset where the text starts. */
  write(text: string): number {
    if (text.length === 0) return this.size;
    this.writePending(text.charCodeAt(0));
    const start = this.size;
    this.chunks.push(text);
    this.size += text.length;
    this.last = text.charCodeAt(text.length - 1);
    return start;
  }

  build(): string {
    return this.chunks.join('');
  }

  private writePending(next: number): void {
    const separator = this.pending;
    if (separator === null) return;
    this.pending = null;
    if (this.size === 0) return;
    let wanted: boolean;
    switch (this.pendingStrength) {
      case Strength.spaceAfter:
        wanted = isWordChar(next) && !isSpace(this.last);
        break;
      case Strength.spaceBefore:
        wanted = isWordChar(this.last) && !isSpace(next);
        break;
      default:
        wanted = separator !== '\n' || this.last !== 0x0a;
    }
    if (!wanted) return;
    this.chunks.push(separator);
    this.size += separator.length;
    this.last = separator.charCodeAt(separator.length - 1);
  }
}
