#!/usr/bin/env node
import * as fs from 'node:fs';
import { analyzeIssue } from '../analysis/analyze';
import { toGherkin, toMarkdown, toXrayCsv, type ExportMeta } from '../analysis/export';
import { STRATEGY_NAMES, type Analysis, type IssueInput, type StrategyName } from '../analysis/types';
import { evaluate, firingRates, formatEvaluation, formatFiringRates, parseLabels } from './evaluate';
import { InputError, parseIssues } from './input';
import { formatReport, toJsonLine } from './report';

const USAGE = `Integration Radar CLI

Usage:
  integration-radar analyze [FILE|-] [--json] [--strategy default|seed] [--export markdown|gherkin|xray] [--plain]
      FILE: a Jira REST issue JSON (ADF description), a search result {issues: [...]},
      or a JSONL of tickets {key|id, summary, description}. "-" or no FILE reads stdin:
      JSON as above, anything else as plain text (first line = summary).
      --json    one JSON object per ticket, one a line (nothing else on stdout)
      --export  print the generated test cases in that format instead of the report
      --plain   treat the input as plain text even if it looks like JSON
  integration-radar eval FILE.jsonl [--labels LABELS.jsonl]
      With labels: precision, recall, F1 per pattern, micro-F1 and the confusion, for both
      strategies side by side. Without labels: how often each pattern fires.

Exit codes: 0 ok, 1 bad input, 2 bad usage.`;

class UsageError extends Error {}

interface Options {
  command: string;
  file: string | undefined;
  json: boolean;
  plain: boolean;
  strategy: StrategyName;
  export: 'markdown' | 'gherkin' | 'xray' | undefined;
  labels: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') throw new UsageError('');
  const options: Options = { command, file: undefined, json: false, plain: false, strategy: 'default', export: undefined, labels: undefined };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--plain') options.plain = true;
    else if (arg === '--strategy') {
      const v = value();
      if (!(STRATEGY_NAMES as readonly string[]).includes(v)) throw new UsageError(`--strategy must be one of ${STRATEGY_NAMES.join(', ')}`);
      options.strategy = v as StrategyName;
    } else if (arg === '--export') {
      const v = value();
      if (v !== 'markdown' && v !== 'gherkin' && v !== 'xray') throw new UsageError('--export must be markdown, gherkin or xray');
      options.export = v;
    } else if (arg === '--labels') options.labels = value();
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (options.file === undefined) options.file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!['analyze', 'eval'].includes(command)) throw new UsageError(`unknown command ${command}`);
  if (command === 'eval' && options.file === undefined) throw new UsageError('eval needs a JSONL file');
  return options;
}

function readInput(file: string | undefined): string {
  try {
    return file === undefined || file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`cannot read ${file ?? 'stdin'}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
}

function exportMeta(issue: IssueInput, analysis: Analysis): ExportMeta {
  return {
    ...(analysis.key !== undefined ? { key: analysis.key } : {}),
    summary: issue.summary,
    patterns: analysis.patterns.map((p) => ({ id: p.id, confidence: p.confidence })),
    complexity: analysis.complexity.score,
  };
}

function runAnalyze(options: Options, write: (s: string) => void): void {
  const content = readInput(options.file);
  let first = true;
  for (const issue of parseIssues(content, options.plain ? 'plain' : 'auto')) {
    const analysis = analyzeIssue(issue, { strategy: options.strategy });
    if (options.json) {
      write(`${JSON.stringify(toJsonLine(analysis))}\n`);
      continue;
    }
    if (!first) write('\n');
    first = false;
    if (options.export === 'markdown') write(toMarkdown(analysis.testPlan, exportMeta(issue, analysis)));
    else if (options.export === 'gherkin') write(toGherkin(analysis.testPlan, exportMeta(issue, analysis)));
    else if (options.export === 'xray') write(toXrayCsv(analysis.testPlan, exportMeta(issue, analysis)));
    else write(`${formatReport(issue, analysis)}\n`);
  }
}

function runEval(options: Options, write: (s: string) => void): void {
  const issues = [...parseIssues(readInput(options.file))];
  if (options.labels === undefined) {
    write(`${formatFiringRates(firingRates(issues))}\n`);
    return;
  }
  const gold = parseLabels(readInput(options.labels));
  write(`${formatEvaluation(evaluate(issues, gold), issues.length)}\n\n`);
  write(`${formatFiringRates(firingRates(issues))}\n`);
}

export function main(argv: string[], io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) }): number {
  try {
    const options = parseArgs(argv);
    if (options.command === 'analyze') runAnalyze(options, io.out);
    else runEval(options, io.out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      if (!e.message) {
        io.out(`${USAGE}\n`);
        return 0;
      }
      io.err(`error: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** Runs the CLI as a process: a reader that goes away early (`| head`) ends it quietly. */
export function runCli(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  process.exitCode = main(process.argv.slice(2));
}

if (require.main === module) runCli();
