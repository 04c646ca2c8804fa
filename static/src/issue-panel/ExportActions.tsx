import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportsView } from '../../../src/contract';
import type { Analysis } from '../../../src/analysis/types';
import { callPanel, describeError, type CallError } from '../shared/bridge';
import { Message } from '../shared/components';
import { copyText, downloadTextFile } from '../shared/files';

/** `changed`: the exports are of another analysis than the one shown (the issue changed since). */
type ExportsState = { phase: 'loading' } | { phase: 'ready'; exports: ExportsView } | { phase: 'changed' } | { phase: 'failed'; error: CallError };
type ExportAction = 'markdown' | 'feature' | 'xray';

/**
 * Copy as Markdown, download Gherkin and Xray CSV: the exports the resolver generated
 * (src/analysis/export, `getExports`), offered as they are. They are not part of the first answer
 * (two thirds of its size, needed only on a click): the panel asks for them in the background once
 * it has rendered, so a click finds them in and acts at once, within the click's user activation
 * (the clipboard asks for one). A click before they are in says so and acts when they come; a
 * failure says why, and the next click asks again. Exports of another analysis than the one shown
 * (the issue was edited meanwhile) are not offered: the panel asks for a re-analysis. When the browser refuses the clipboard (an
 * iframe without clipboard permission), the Markdown is shown selected for the user to copy.
 */
export function ExportActions({ issueKey, analysis }: { issueKey: string; analysis: Analysis }) {
  const { state, load } = useExports(analysis);
  const [waitingFor, setWaitingFor] = useState<ExportAction | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'refused'>('idle');

  async function run(action: ExportAction): Promise<void> {
    setCopyState('idle');
    let exports = state.phase === 'ready' ? state.exports : undefined;
    if (!exports) {
      setWaitingFor(action);
      const loaded = await load();
      setWaitingFor(null);
      if (loaded.phase !== 'ready') return;
      exports = loaded.exports;
    }
    if (action === 'markdown') setCopyState((await copyText(exports.markdown)) ? 'copied' : 'refused');
    if (action === 'feature') downloadTextFile(`${issueKey}-integration-tests.feature`, exports.gherkin, 'text/plain;charset=utf-8');
    if (action === 'xray') downloadTextFile(`${issueKey}-xray-tests.csv`, exports.xrayCsv, 'text/csv;charset=utf-8');
  }

  return (
    <div className="stack stack--tight">
      <div className="inline" role="group" aria-label="Export test cases" aria-busy={waitingFor !== null}>
        <button type="button" className="button" onClick={() => void run('markdown')}>
          Copy as Markdown
        </button>
        <button type="button" className="button" onClick={() => void run('feature')}>
          Download .feature
        </button>
        <button type="button" className="button" onClick={() => void run('xray')}>
          Download Xray CSV
        </button>
        <span className="subtle" role="status">
          {waitingFor ? 'Preparing the export…' : copyState === 'copied' ? 'Markdown copied to the clipboard' : ''}
        </span>
      </div>
      {state.phase === 'failed' && waitingFor === null ? <ExportsFailed error={state.error} /> : null}
      {state.phase === 'changed' ? (
        <Message appearance="warning" title="The issue has changed since this analysis">
          <p>Re-analyse to export the test plan of the issue as it is now.</p>
        </Message>
      ) : null}
      {copyState === 'refused' && state.phase === 'ready' ? (
        <div className="field">
          <label className="field__label" htmlFor="markdown-export">
            The browser did not allow copying: select the Markdown below and copy it
          </label>
          <textarea id="markdown-export" className="textarea" readOnly value={state.exports.markdown} ref={(element) => element?.select()} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The exports of `analysis`, asked for once it has rendered (effects run after the paint) and
 * again when the analysis changes (re-analysed). `load` returns the answer in flight, or asks
 * again after a failure, as the state it puts the exports in (of the analysis it asked for).
 */
function useExports(analysis: Analysis): { state: ExportsState; load: () => Promise<ExportsState> } {
  // Each state is that of one analysis: until the effect below has asked for a new analysis's exports, the old ones are not offered.
  const [state, setState] = useState<{ of: Analysis; exports: ExportsState }>({ of: analysis, exports: { phase: 'loading' } });
  const inFlight = useRef<Promise<ExportsState> | undefined>(undefined);
  const shown = useRef(analysis);
  shown.current = analysis;

  const load = useCallback((): Promise<ExportsState> => {
    if (inFlight.current) return inFlight.current;
    const of = shown.current;
    setState({ of, exports: { phase: 'loading' } });
    const answer = callPanel('getExports', {}).then((result): ExportsState => {
      const exports: ExportsState = !result.ok ? { phase: 'failed', error: result.error } : result.data.textHash === of.textHash ? { phase: 'ready', exports: result.data } : { phase: 'changed' };
      // An answer for an analysis the panel no longer shows is dropped.
      if (inFlight.current !== answer) return exports;
      if (!result.ok) inFlight.current = undefined;
      setState({ of, exports });
      return exports;
    });
    inFlight.current = answer;
    return answer;
  }, []);

  useEffect(() => {
    inFlight.current = undefined;
    void load();
  }, [analysis, load]);

  return { state: state.of === analysis ? state.exports : { phase: 'loading' }, load };
}

function ExportsFailed({ error }: { error: CallError }) {
  const { title, detail } = describeError(error);
  return (
    <Message appearance="error" title={`The exports could not be prepared: ${title.toLowerCase()}`}>
      <p>{detail} Choose an export again to retry.</p>
    </Message>
  );
}
