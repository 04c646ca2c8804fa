/** Most distinct warnings kept per field: a hostile document could otherwise produce one per node. */
const MAX_WARNINGS = 20;

/** Distinct warnings, in the order first met, capped. */
export class Warnings {
  private readonly seen = new Set<string>();
  private omitted = false;

  add(message: string): void {
    if (this.seen.size < MAX_WARNINGS) this.seen.add(message);
    else if (!this.seen.has(message)) this.omitted = true;
  }

  list(): string[] {
    const list = [...this.seen];
    if (this.omitted) list.push('further warnings omitted');
    return list;
  }
}
