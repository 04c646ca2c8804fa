/**
 * Extracted text kept as the pieces it was assembled from: slices of the input between markup,
 * separators, replaced entities. Joining them would copy the whole text once more, and a new
 * 1 MB string costs more than reading it (each fresh page of memory faults on first touch), so
 * the analysis reads the pieces in place and joins them only when someone asks for `toString()`.
 */
/** What codesInto uses of Node's Buffer (typed here: the core is also compiled without Node's types). */
interface BufferView {
  write(text: string, byteOffset: number, encoding: 'utf16le'): number;
}
/** Node's Buffer, where there is one: it copies a string's code units in bulk (a memcpy). */
const NodeBuffer = (globalThis as { Buffer?: { from(memory: ArrayBufferLike, byteOffset: number, byteLength: number): BufferView } }).Buffer;
/** Pieces shorter than this are copied by a loop: a call into Buffer costs more. */
const BULK_COPY = 48;

export class TextPieces {
  readonly length: number;
  /** Offset of each piece in the text, and the text's length after the last. */
  private readonly offsets: number[];
  // `#` fields: state of the look-ups, not part of the value (deep equality ignores them)
  /** Index of the piece the last look-up found: look-ups mostly move forward a little. */
  #cursor = 0;
  #joined: string | undefined;

  /**
   * `parts[k]` is `sources[k].slice(sourceStarts[k], sourceStarts[k] + parts[k].length)` when the
   * piece was copied from the input: a search over many pieces (the stack-trace anchors) then runs
   * once over the input instead of once per piece. Default: the piece itself.
   */
  private readonly sources: readonly (string | undefined)[];
  private readonly sourceStarts: readonly number[];

  constructor(readonly parts: readonly string[], sources: readonly (string | undefined)[] = [], sourceStarts: readonly number[] = []) {
    this.sources = sources;
    this.sourceStarts = sourceStarts;
    this.offsets = [];
    let at = 0;
    for (let k = 0; k < parts.length; k++) {
      this.offsets.push(at);
      at += parts[k]!.length;
    }
    this.offsets.push(at);
    this.length = at;
    if (parts.length === 1) this.#joined = parts[0];
    if (parts.length === 0) this.#joined = '';
  }

  static of(text: string): TextPieces {
    return new TextPieces(text === '' ? [] : [text]);
  }

  /** A string holding piece `k` from `sourceStart(k)` on: the input it was copied from, or the piece. */
  source(k: number): string {
    return this.sources[k] ?? this.parts[k]!;
  }

  sourceStart(k: number): number {
    return this.sources[k] === undefined ? 0 : this.sourceStarts[k]!;
  }

  /** Where piece `k` starts in the text. */
  offsetOf(k: number): number {
    return this.offsets[k]!;
  }

  /** The index of the piece holding offset `at` (0 <= at < length). */
  pieceAt(at: number): number {
    const offsets = this.offsets;
    let k = this.#cursor;
    if (offsets[k]! <= at && at < offsets[k + 1]!) return k;
    if (k + 1 < this.parts.length && offsets[k + 1]! <= at && at < offsets[k + 2]!) k += 1;
    else {
      let low = 0;
      let high = this.parts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >>> 1;
        if (offsets[mid]! <= at) low = mid;
        else high = mid - 1;
      }
      k = low;
    }
    this.#cursor = k;
    return k;
  }

  /** The UTF-16 code unit at `at`, NaN outside the text (as String.prototype.charCodeAt). */
  charCodeAt(at: number): number {
    if (!(at >= 0 && at < this.length)) return NaN;
    const k = this.pieceAt(at);
    return this.parts[k]!.charCodeAt(at - this.offsets[k]!);
  }

  /** text.slice(start, end), for short ranges: the pieces it covers are joined, no more. */
  slice(start: number, end: number = this.length): string {
    if (this.#joined !== undefined) return this.#joined.slice(start, end);
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (from === to) return '';
    const first = this.pieceAt(from);
    const firstStart = this.offsets[first]!;
    if (to <= this.offsets[first + 1]!) return this.parts[first]!.slice(from - firstStart, to - firstStart);
    let out = this.parts[first]!.slice(from - firstStart);
    for (let k = first + 1; k < this.parts.length && this.offsets[k]! < to; k++) {
      out += this.parts[k]!.slice(0, to - this.offsets[k]!);
    }
    return out;
  }

  /** The first `length` code units, as pieces. */
  head(length: number): TextPieces {
    if (length >= this.length) return this;
    if (length <= 0) return new TextPieces([]);
    const last = this.pieceAt(length - 1);
    const parts = this.parts.slice(0, last + 1);
    parts[last] = parts[last]!.slice(0, length - this.offsets[last]!);
    return new TextPieces(parts, this.sources.slice(0, last + 1), this.sourceStarts.slice(0, last + 1));
  }

  /** Every piece passed through `change`, which must keep its length (offsets stay valid). */
  map(change: (part: string) => string): TextPieces {
    let changed = false;
    const parts = this.parts.map((part) => {
      const next = change(part);
      if (next !== part) changed = true;
      return next;
    });
    return changed ? new TextPieces(parts) : this;
  }

  /**
   * Writes the text's UTF-16 code units into `target` from index `at` (room for `length` needed),
   * for loops that read every character: a typed array reads for less than charCodeAt.
   */
  codesInto(target: Uint16Array, at: number): void {
    const bytes = NodeBuffer !== undefined && this.length >= BULK_COPY ? NodeBuffer.from(target.buffer, target.byteOffset, target.byteLength) : undefined;
    let to = at;
    for (let k = 0; k < this.parts.length; k++) {
      const part = this.parts[k]!;
      const n = part.length;
      if (bytes !== undefined && n >= BULK_COPY) bytes.write(part, to * 2, 'utf16le');
      else for (let i = 0; i < n; i++) target[to + i] = part.charCodeAt(i);
      to += n;
    }
  }

  toString(): string {
    if (this.#joined === undefined) this.#joined = this.parts.join('');
    return this.#joined;
  }
}
