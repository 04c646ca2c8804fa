import { useState } from 'react';
import type { AnalysisExports } from '../../../src/contract';
import { copyText, downloadTextFile } from '../shared/files';

/**
 * Copy as Markdown, download Gherkin and Xray CSV: the exports the resolver generated
 * (src/analysis/export), offered as they are. When the browser refuses the clipboard (an iframe
 * without clipboard permission), the Markdown is shown selected for the user to copy.
 */
export function ExportActions({ issueKey, exports }: { issueKey: string; exports: AnalysisExports }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'refused'>('idle');

  async function copyMarkdown(): Promise<void> {
    setCopyState((await copyText(exports.markdown)) ? 'copied' : 'refused');
  }

  return (
    <div className="stack stack--tight">
      <div className="inline" role="group" aria-label="Export test cases">
        <button type="button" className="button" onClick={() => void copyMarkdown()}>
          Copy as Markdown
        </button>
        <button
          type="button"
          className="button"
          onClick={() => downloadTextFile(`${issueKey}-integration-tests.feature`, exports.gherkin, 'text/plain;charset=utf-8')}
        >
          Download .feature
        </button>
        <button
          type="button"
          className="button"
          onClick={() => downloadTextFile(`${issueKey}-xray-tests.csv`, exports.xrayCsv, 'text/csv;charset=utf-8')}
        >
          Download Xray CSV
        </button>
        <span className="subtle" role="status">
          {copyState === 'copied' ? 'Markdown copied to the clipboard' : ''}
        </span>
      </div>
      {copyState === 'refused' ? (
        <div className="field">
          <label className="field__label" htmlFor="markdown-export">
            The browser did not allow copying: select the Markdown below and copy it
          </label>
          <textarea id="markdown-export" className="textarea" readOnly value={exports.markdown} ref={(element) => element?.select()} />
        </div>
      ) : null}
    </div>
  );
}
