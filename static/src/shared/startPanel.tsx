import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { IssueAnalysisView } from '../../../src/contract';
import { callPanel, type CallResult } from './bridge';
import { enableHostTheme } from './theme';

/**
 * Starts an issue panel page, fetching as it renders: the analysis is asked for as soon as the
 * script runs, while Jira sends the theme, and the page is rendered once, when both are in. Until
 * then the page shows the loading skeleton written in its index.html, painted before any script
 * has loaded, and renders nothing itself, so its thread is free to take the answer when it comes.
 */
export function startPanel(render: (firstAnswer: CallResult<IssueAnalysisView>) => ReactElement): void {
  const firstAnswer = callPanel('getAnalysis', {});
  const themed = enableHostTheme();
  void Promise.all([firstAnswer, themed]).then(([answer]) => {
    const container = document.getElementById('root')!;
    // The static skeleton goes; the page's own components take over the root.
    container.replaceChildren();
    createRoot(container).render(<StrictMode>{render(answer)}</StrictMode>);
  });
}
