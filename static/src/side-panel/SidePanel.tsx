import { router } from '@forge/bridge';
import { useCallback, useState } from 'react';
import type { IssueAnalysisView } from '../../../src/contract';
import { callPanel, describeError, type CallError, type CallResult } from '../shared/bridge';
import { LoadFailed, Lozenge, Skeleton } from '../shared/components';
import { PAGE_SKELETONS } from '../shared/skeleton';
import { complexityLevel, FACTOR_NAMES, topFactors, COMPLEXITY_MAX } from '../shared/complexity';

const FIRST_P0_CASES = 3;
const TOP_FACTORS = 2;
const LEVEL_LOZENGES = { low: 'success', medium: 'moved', high: 'removed' } as const;

type SideState = { phase: 'loading' } | { phase: 'failed'; error: CallError } | { phase: 'ready'; view: IssueAnalysisView };

/**
 * The issue context panel (`jira:issueContext`, the collapsible panel on the right of the issue
 * view): the patterns, the complexity and its main reasons, and the P0 cases to start with. Same
 * resolver as the full panel.
 */
export function SidePanel({ firstAnswer }: { firstAnswer: CallResult<IssueAnalysisView> }) {
  const [state, setState] = useState<SideState>(() => sideStateOf(firstAnswer));

  const load = useCallback(async (answer: Promise<CallResult<IssueAnalysisView>>) => {
    setState({ phase: 'loading' });
    setState(sideStateOf(await answer));
  }, []);

  if (state.phase === 'loading') return <Skeleton {...PAGE_SKELETONS['side-panel']} />;
  if (state.phase === 'failed') {
    return <LoadFailed {...describeError(state.error)} onRetry={() => void load(callPanel('getAnalysis', {}))} />;
  }

  const { analysis, issue } = state.view;
  if (analysis.patterns.length === 0) {
    return (
      <main className="stack stack--tight" aria-labelledby="summary-heading">
        <h1 id="summary-heading" className="visually-hidden">
          Integration summary for {issue.key}
        </h1>
        <p className="subtle">No integration patterns detected.</p>
      </main>
    );
  }
  const { complexity } = analysis;
  const p0 = analysis.testPlan.cases.filter((testCase) => testCase.priority === 'P0');
  return (
    <main className="stack stack--tight" aria-labelledby="summary-heading">
      <h1 id="summary-heading" className="visually-hidden">
        Integration summary for {issue.key}
      </h1>
      <ul className="inline inline--tight" aria-label="Detected patterns">
        {analysis.patterns.map((pattern) => (
          <li key={pattern.id}>
            <Lozenge appearance="inprogress">{pattern.name}</Lozenge>
          </li>
        ))}
      </ul>
      <div className="stack stack--tight">
        <p className="inline inline--tight">
          <span>Complexity</span>
          <Lozenge appearance={LEVEL_LOZENGES[complexityLevel(complexity.score)]}>
            {complexity.score}/{COMPLEXITY_MAX}
          </Lozenge>
        </p>
        {complexity.factors.length > 0 ? (
          <p className="subtlest" data-testid="top-factors">
            {topFactors(complexity, TOP_FACTORS)
              .map((factor) => `${FACTOR_NAMES[factor.id]} (+${factor.points})`)
              .join(', ')}
          </p>
        ) : null}
      </div>
      <div className="stack stack--tight">
        <h2 className="inline inline--tight">
          <Lozenge appearance="removed">P0</Lozenge>
          <span data-testid="p0-count">
            {p0.length} must-test case{p0.length === 1 ? '' : 's'}
          </span>
        </h2>
        <ul className="stack stack--tight">
          {p0.slice(0, FIRST_P0_CASES).map((testCase) => (
            <li key={testCase.id} className="subtle" data-testid="p0-case">
              {testCase.title}
            </li>
          ))}
        </ul>
      </div>
      <p>
        {/* The full plan is the issue panel of the issue view; the iframe cannot scroll Jira's page, so the
            issue opens in a new tab (router.open with a NavigationLocation,
            https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/). */}
        <button type="button" className="button" onClick={() => void router.open({ target: 'issue', issueKey: issue.key })}>
          Open the full test plan ({analysis.testPlan.cases.length} cases)
        </button>
      </p>
    </main>
  );
}

function sideStateOf(result: CallResult<IssueAnalysisView>): SideState {
  return result.ok ? { phase: 'ready', view: result.data } : { phase: 'failed', error: result.error };
}
