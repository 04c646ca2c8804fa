import { isSpace } from './chars';
import { TextPieces } from './pieces';

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
 * Accumulates extracted text in chunks, handed over as TextPieces (never joined here), and
 * writes separators lazily: never at the start, never twice, only when more text follows.
 */
export class TextBuilder {
  private readonly chunks: string[] = [];
  /** For chunks copied from an input string: that string and where the chunk starts in it (TextPieces). */
  private readonly sources: (string | undefined)[] = [];
  private readonly sourceStarts: number[] = [];
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

  /**
   * Appends text after any pending separator; returns the offset where the text starts. A caller
   * that copies `text` from an input string says so with `source` and `sourceStart`.
   */
  write(text: string, source?: string, sourceStart = 0): number {
    if (text.length === 0) return this.size;
    this.writePending(text[0] as string);
    const start = this.size;
    if (source !== undefined) {
      this.sources[this.chunks.length] = source;
      this.sourceStarts[this.chunks.length] = sourceStart;
    }
    this.chunks.push(text);
    this.size += text.length;
    this.last = text[text.length - 1] as string;
    return start;
  }

  build(): TextPieces {
    return new TextPieces(this.chunks, this.sources, this.sourceStarts);
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
