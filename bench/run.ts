/**
 * `npm run bench [-- --corpus DIR]`: speed figures of the analysis core, printed, never asserted.
 * - throughput over a corpus of real tickets (default: ../shared/corpus/deep-se when present),
 *   for the default and seed strategies in the same run, as tickets/s and MB/s;
 * - time for one description of 10 KB, 100 KB and 1 MB (linearity), median of several runs once
 *   warmed up, and the first run;
 * - how often each pattern fires over the corpus.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeIssue } from '../src/analysis/analyze';
import { STRATEGY_NAMES, type IssueInput } from '../src/analysis/types';
import { firingRates, formatFiringRates, table } from '../src/cli/evaluate';
import { parseIssues } from '../src/cli/input';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const DEFAULT_CORPUS = path.resolve(__dirname, '../../shared/corpus/deep-se');
const SAMPLE_TICKETS = path.resolve(__dirname, '../samples/tickets.jsonl');

function loadTickets(dir: string): IssueInput[] {
  const files = fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f)) : [dir];
  return files.flatMap((file) => [...parseIssues(fs.readFileSync(file, 'utf8'))]);
}

function bytesOf(issue: IssueInput): number {
  return Buffer.byteLength(issue.summary) + Buffer.byteLength(typeof issue.description === 'string' ? issue.description : JSON.stringify(issue.description ?? ''));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * A description of `size` characters made of real ticket text, repeated as needed. Built by one
 * join, so it is a flat string like one parsed from a REST response (a slice of a larger string
 * would put an indirection in every read and measure the benchmark, not the analysis).
 */
function descriptionOfSize(tickets: readonly IssueInput[], size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i = (i + 1) % tickets.length) {
    const d = tickets[i]!.description;
    if (typeof d !== 'string' || d.length === 0) continue;
    const separator = parts.length > 0 ? 1 : 0;
    const room = size - length - separator;
    if (room <= 0) break;
    parts.push(d.length <= room ? d : d.slice(0, room));
    length += separator + Math.min(d.length, room);
  }
  return parts.join('\n');
}

const SIZE_WARM_UP = 5;
const SIZE_RUNS = 15;

function main(): void {
  const corpusArg = argValue('--corpus');
  const corpus = corpusArg ?? (fs.existsSync(DEFAULT_CORPUS) ? DEFAULT_CORPUS : SAMPLE_TICKETS);
  const tickets = loadTickets(corpus);
  const totalBytes = tickets.reduce((sum, t) => sum + bytesOf(t), 0);
  console.log(`Integration Radar analysis benchmark (node ${process.version})`);
  console.log(`Corpus: ${corpus} — ${tickets.length} tickets, ${(totalBytes / 1e6).toFixed(1)} MB${corpus === SAMPLE_TICKETS ? ' (bundled samples; pass --corpus DIR for the real corpus)' : ''}\n`);

  // Throughput: one warm-up pass per strategy, then the measured pass; strategies alternate.
  const rows: string[][] = [];
  for (const strategy of STRATEGY_NAMES) for (const t of tickets.slice(0, 500)) analyzeIssue(t, { strategy });
  const passes = 3;
  const elapsed: Record<string, number[]> = { default: [], seed: [] };
  for (let pass = 0; pass < passes; pass++) {
    for (const strategy of STRATEGY_NAMES) {
      elapsed[strategy]!.push(timeMs(() => {
        for (const t of tickets) analyzeIssue(t, { strategy });
      }));
    }
  }
  for (const strategy of STRATEGY_NAMES) {
    const ms = median(elapsed[strategy]!);
    rows.push([strategy, ms.toFixed(0), (tickets.length / (ms / 1000)).toFixed(0), (totalBytes / 1e6 / (ms / 1000)).toFixed(1)]);
  }
  console.log('Throughput (whole analysis: extraction, detection, complexity, test plan; median of 3 passes):\n');
  console.log(table(['strategy', 'ms', 'tickets/s', 'MB/s'], rows));

  // One large description: time per size, to show linear growth. The engine re-optimises for a
  // text this much larger than a ticket over its first few analyses (after the corpus passes, the
  // first four of 1 MB took 20-23 ms, the rest 13-14): the median is of the runs after those, and
  // the first run is printed on its own.
  console.log(`\nOne description of a given size (default strategy; median of ${SIZE_RUNS} runs after ${SIZE_WARM_UP} warm-up runs, and the first run):\n`);
  const sizeRows: string[][] = [];
  for (const size of [10_000, 100_000, 1_000_000]) {
    const issue: IssueInput = { key: 'BENCH-1', summary: 'Webhook deliveries to the REST API time out', description: descriptionOfSize(tickets, size) };
    const first = timeMs(() => analyzeIssue(issue));
    for (let i = 1; i < SIZE_WARM_UP; i++) analyzeIssue(issue);
    const runs = Array.from({ length: SIZE_RUNS }, () => timeMs(() => analyzeIssue(issue)));
    const ms = median(runs);
    sizeRows.push([`${size / 1000} KB`, ms.toFixed(2), (ms / (size / 1000)).toFixed(4), first.toFixed(2)]);
  }
  console.log(table(['description', 'ms', 'ms per KB', 'first run ms'], sizeRows));

  console.log(`\n${formatFiringRates(firingRates(tickets))}`);
  const heap = process.memoryUsage();
  console.log(`\nMemory: heap used ${(heap.heapUsed / 1e6).toFixed(0)} MB, rss ${(heap.rss / 1e6).toFixed(0)} MB`);
}

main();
