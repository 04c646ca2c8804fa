import type { PatternId } from '../types';

/** What an export says about the issue besides its test plan; every part is optional. */
export interface ExportMeta {
  key?: string;
  summary?: string;
  /** Detected patterns in detection order, with the confidence the strategy reported. */
  patterns?: { id: PatternId; confidence: number }[];
  /** Integration complexity, 0..10. */
  complexity?: number;
}
