/**
 * Freezes a catalog value and everything it holds. The catalog is shared by every analysis in a
 * warm Forge process, so a caller that mutated one of its arrays would change later analyses.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
