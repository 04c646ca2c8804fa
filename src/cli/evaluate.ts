import { z } from 'zod';
import { analyzeIssue } from '../analysis/analyze';
import { PATTERN_IDS, STRATEGY_NAMES, type IssueInput, type PatternId, type StrategyName } from '../analysis/types';
import { InputError } from './input';

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface PatternScore extends Confusion {
  precision: number;
  recall: number;
  f1: number;
  /** Share of tickets the pattern fired on. */
  firingRate: number;
}

export interface StrategyScore {
  strategy: StrategyName;
  perPattern: Record<PatternId, PatternScore>;
  micro: { precision: number; recall: number; f1: number };
}

const labelLineSchema = z.object({ id: z.union([z.string(), z.number()]), labels: z.array(z.enum(PATTERN_IDS)) }).loose();

/** Reads `{"id", "labels": [...]}` lines; unknown pattern ids are an error, with the line number. */
export function parseLabels(content: string): Map<string, Set<PatternId>> {
  const labels = new Map<string, Set<PatternId>>();
  content.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new InputError(`invalid JSON in labels (${(e as Error).message})`, index + 1);
    }
    const parsed = labelLineSchema.safeParse(value);
    if (!parsed.success) throw new InputError(`invalid label line: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, index + 1);
    labels.set(String(parsed.data.id), new Set(parsed.data.labels));
  });
  return labels;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreOf(c: Confusion, total: number): PatternScore {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return { ...c, precision, recall, f1: f1Of(precision, recall), firingRate: ratio(c.tp + c.fp, total) };
}

/** Scores each strategy against gold labels; every ticket must have a label line. */
export function evaluate(issues: readonly IssueInput[], gold: Map<string, Set<PatternId>>, strategies: readonly StrategyName[] = STRATEGY_NAMES): StrategyScore[] {
  for (const issue of issues) {
    if (issue.key === undefined || !gold.has(issue.key)) throw new InputError(`ticket ${issue.key ?? '(without key or id)'} has no labels`);
  }
  return strategies.map((strategy) => {
    const confusion = Object.fromEntries(PATTERN_IDS.map((p) => [p, { tp: 0, fp: 0, fn: 0, tn: 0 }])) as Record<PatternId, Confusion>;
    for (const issue of issues) {
      const predicted = new Set(analyzeIssue(issue, { strategy }).patterns.map((p) => p.id));
      const expected = gold.get(issue.key!)!;
      for (const p of PATTERN_IDS) {
        const c = confusion[p];
        if (predicted.has(p)) {
          if (expected.has(p)) c.tp++;
          else c.fp++;
        } else if (expected.has(p)) c.fn++;
        else c.tn++;
      }
    }
    const perPattern = Object.fromEntries(PATTERN_IDS.map((p) => [p, scoreOf(confusion[p], issues.length)])) as Record<PatternId, PatternScore>;
    const sum = PATTERN_IDS.reduce((acc, p) => ({ tp: acc.tp + confusion[p].tp, fp: acc.fp + confusion[p].fp, fn: acc.fn + confusion[p].fn }), { tp: 0, fp: 0, fn: 0 });
    const precision = ratio(sum.tp, sum.tp + sum.fp);
    const recall = ratio(sum.tp, sum.tp + sum.fn);
    return { strategy, perPattern, micro: { precision, recall, f1: f1Of(precision, recall) } };
  });
}

/** Share of tickets each pattern fires on, per strategy: for unlabelled corpora. */
export function firingRates(issues: Iterable<IssueInput>, strategies: readonly StrategyName[] = STRATEGY_NAMES): { total: number; rates: Record<StrategyName, Record<PatternId, number>> } {
  const counts = Object.fromEntries(strategies.map((s) => [s, Object.fromEntries(PATTERN_IDS.map((p) => [p, 0]))])) as Record<StrategyName, Record<PatternId, number>>;
  let total = 0;
  for (const issue of issues) {
    total++;
    for (const strategy of strategies) {
      for (const p of analyzeIssue(issue, { strategy }).patterns) counts[strategy][p.id]++;
    }
  }
  for (const s of strategies) for (const p of PATTERN_IDS) counts[s][p] = ratio(counts[s][p], total);
  return { total, rates: counts };
}

const pct = (x: number): string => x.toFixed(2);

/** A Markdown table: each pattern's P/R/F1 for every strategy side by side, then the confusion counts. */
export function formatEvaluation(scores: readonly StrategyScore[], total: number): string {
  const header = ['pattern', ...scores.flatMap((s) => [`${s.strategy} P`, `${s.strategy} R`, `${s.strategy} F1`])];
  const rows = PATTERN_IDS.map((p) => [p, ...scores.flatMap((s) => [pct(s.perPattern[p].precision), pct(s.perPattern[p].recall), pct(s.perPattern[p].f1)])]);
  rows.push(['micro', ...scores.flatMap((s) => [pct(s.micro.precision), pct(s.micro.recall), pct(s.micro.f1)])]);
  const lines = [`Evaluated ${total} labelled tickets.`, '', table(header, rows), ''];
  lines.push('Confusion per pattern (TP / FP / FN / TN) and firing rate:', '');
  const cHeader = ['pattern', ...scores.flatMap((s) => [`${s.strategy} TP/FP/FN/TN`, `${s.strategy} fires`])];
  const cRows = PATTERN_IDS.map((p) => [p, ...scores.flatMap((s) => {
    const c = s.perPattern[p];
    return [`${c.tp} / ${c.fp} / ${c.fn} / ${c.tn}`, `${(c.firingRate * 100).toFixed(1)}%`];
  })]);
  lines.push(table(cHeader, cRows));
  return lines.join('\n');
}

export function formatFiringRates(result: ReturnType<typeof firingRates>): string {
  const strategies = Object.keys(result.rates) as StrategyName[];
  const rows = PATTERN_IDS.map((p) => [p, ...strategies.map((s) => `${(result.rates[s][p] * 100).toFixed(1)}%`)]);
  return [`Firing rates over ${result.total} tickets:`, '', table(['pattern', ...strategies], rows)].join('\n');
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
