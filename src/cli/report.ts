import type { Analysis, IssueInput } from '../analysis/types';

/** The CLI's JSON line: a contract other tools read (README, "CLI"). Extend, never rename. */
export interface AnalysisLine {
  key: string | null;
  strategy: Analysis['strategy'];
  patterns: { id: string; confidence: number; matchedKeywords: string[]; matchedComponents: string[] }[];
  providers: string[];
  complexity: { score: number; factors: { id: string; points: number; reason: string }[] };
  testCases: { p0: number; p1: number };
}

export function toJsonLine(analysis: Analysis): AnalysisLine {
  return {
    key: analysis.key ?? null,
    strategy: analysis.strategy,
    patterns: analysis.patterns.map((p) => ({
      id: p.id,
      confidence: p.confidence,
      matchedKeywords: p.matchedKeywords,
      matchedComponents: p.matchedComponents,
    })),
    providers: analysis.providers.map((p) => p.id),
    complexity: {
      score: analysis.complexity.score,
      factors: analysis.complexity.factors.map((f) => ({ id: f.id, points: f.points, reason: f.reason })),
    },
    testCases: {
      p0: analysis.testPlan.cases.filter((c) => c.priority === 'P0').length,
      p1: analysis.testPlan.cases.filter((c) => c.priority === 'P1').length,
    },
  };
}

function bar(confidence: number): string {
  const filled = Math.round(Math.min(1, confidence) * 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}

/** A readable report for a terminal. */
export function formatReport(issue: IssueInput, analysis: Analysis): string {
  const out: string[] = [];
  out.push(`${analysis.key ?? '(no key)'}  ${issue.summary}`);
  if (analysis.patterns.length === 0) {
    out.push('  No integration patterns detected.');
  } else {
    out.push('  Patterns:');
    for (const p of analysis.patterns) {
      out.push(`    ${p.id.padEnd(24)} ${bar(p.confidence)} ${p.confidence.toFixed(2)}`);
      const terms = [...p.matchedKeywords, ...p.matchedComponents];
      if (terms.length > 0) out.push(`      matched: ${terms.join(', ')}`);
      const first = p.evidence[0];
      if (first) out.push(`      e.g. ${first.field}: "${first.snippet}"`);
    }
  }
  if (analysis.providers.length > 0) out.push(`  Providers: ${analysis.providers.map((p) => p.name).join(', ')}`);
  out.push(`  Complexity: ${analysis.complexity.score}/10 (base ${analysis.complexity.base})`);
  for (const f of analysis.complexity.factors) {
    const words = f.evidence.map((e) => `"${e.phrase}"`).join(', ');
    out.push(`    +${f.points} ${f.id}: ${f.reason}${words ? ` (${words})` : ''}`);
  }
  const p0 = analysis.testPlan.cases.filter((c) => c.priority === 'P0').length;
  const p1 = analysis.testPlan.cases.length - p0;
  out.push(`  Test cases: ${p0} P0, ${p1} P1${analysis.testPlan.cases.length > 0 ? ' (--export markdown|gherkin|xray to print them)' : ''}`);
  for (const w of analysis.warnings) out.push(`  Warning: ${w}`);
  if (analysis.truncatedChars > 0) out.push(`  Note: ${analysis.truncatedChars} characters of the description were not analysed (too long).`);
  return out.join('\n');
}
