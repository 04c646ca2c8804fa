import { useCallback, useState } from 'react';
import type { IssueAnalysisView, SyncDecision } from '../../../src/contract';
import { callPanel, describeError, type CallError, type CallResult } from '../shared/bridge';
import { LoadFailed, Message, Skeleton } from '../shared/components';
import { PAGE_SKELETONS } from '../shared/skeleton';
import { AnalysedText } from './AnalysedText';
import { ComplexitySection } from './ComplexitySection';
import { ExportActions } from './ExportActions';
import { GuidanceSection } from './GuidanceSection';
import { NoPatterns } from './NoPatterns';
import { PatternsSection } from './PatternsSection';
import { ReanalysedMessage, StoredStateMessage } from './StatusMessages';
import { TestCasesSection } from './TestCasesSection';

type PanelState =
  | { phase: 'loading' }
  | { phase: 'failed'; error: CallError }
  | { phase: 'ready'; view: IssueAnalysisView; reanalysing: boolean; decision?: SyncDecision; reanalyseError?: CallError };

/**
 * The full test-case panel (`jira:issuePanel`): the issue's analysis, test plan and exports.
 * `firstAnswer` is the getAnalysis answer the page waited for before rendering (shared/startPanel.tsx);
 * later loads (retry) call again.
 */
export function IssuePanel({ firstAnswer }: { firstAnswer: CallResult<IssueAnalysisView> }) {
  const [state, setState] = useState<PanelState>(() => panelStateOf(firstAnswer));

  const load = useCallback(async (answer: Promise<CallResult<IssueAnalysisView>>) => {
    setState({ phase: 'loading' });
    setState(panelStateOf(await answer));
  }, []);

  async function reanalyse(view: IssueAnalysisView): Promise<void> {
    setState({ phase: 'ready', view, reanalysing: true });
    const result = await callPanel('reanalyze', {});
    setState(
      result.ok
        ? { phase: 'ready', view: result.data, reanalysing: false, decision: result.data.decision }
        : { phase: 'ready', view, reanalysing: false, reanalyseError: result.error },
    );
  }

  if (state.phase === 'loading') return <Skeleton {...PAGE_SKELETONS['issue-panel']} />;
  if (state.phase === 'failed') {
    return <LoadFailed {...describeError(state.error)} onRetry={() => void load(callPanel('getAnalysis', {}))} />;
  }

  const { view, reanalysing } = state;
  const { analysis, issue } = view;
  return (
    <main className="stack" aria-busy={reanalysing} aria-labelledby="panel-heading">
      <header className="stack stack--tight">
        <div className="spread">
          <h1 id="panel-heading" className="visually-hidden">
            Integration test plan for {issue.key}
          </h1>
          {analysis.patterns.length > 0 ? <ExportActions issueKey={issue.key} analysis={analysis} /> : <span />}
          <button type="button" className="button button--primary" disabled={reanalysing} onClick={() => void reanalyse(view)}>
            {reanalysing ? 'Re-analysing…' : 'Re-analyse'}
          </button>
        </div>
        {reanalysing ? <ReanalysisProgress issueKey={issue.key} /> : null}
        {state.decision ? <ReanalysedMessage decision={state.decision} /> : null}
        {state.reanalyseError ? <ReanalyseFailed error={state.reanalyseError} /> : null}
        <StoredStateMessage view={view} />
      </header>
      {analysis.patterns.length === 0 ? (
        <NoPatterns view={view} />
      ) : (
        <>
          <PatternsSection patterns={analysis.patterns} providers={analysis.providers} strategy={analysis.strategy} />
          <ComplexitySection complexity={analysis.complexity} />
          <TestCasesSection cases={analysis.testPlan.cases} patterns={analysis.patterns} />
          <GuidanceSection environments={analysis.testPlan.environments} mockServices={analysis.testPlan.mockServices} />
          <AnalysedText view={view} />
        </>
      )}
    </main>
  );
}

function panelStateOf(result: CallResult<IssueAnalysisView>): PanelState {
  return result.ok ? { phase: 'ready', view: result.data, reanalysing: false } : { phase: 'failed', error: result.error };
}

function ReanalysisProgress({ issueKey }: { issueKey: string }) {
  return (
    <div className="stack stack--tight" role="status">
      <span className="subtle">Reading {issueKey} from Jira and analysing it again…</span>
      <div className="meter" role="progressbar" aria-label={`Re-analysing ${issueKey}`}>
        <div className="meter__fill meter__fill--indeterminate" />
      </div>
    </div>
  );
}

function ReanalyseFailed({ error }: { error: CallError }) {
  const { title, detail } = describeError(error);
  return (
    <Message appearance="error" title={`Re-analysis failed: ${title.toLowerCase()}`}>
      <p>{detail}</p>
    </Message>
  );
}
