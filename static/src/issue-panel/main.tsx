import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/styles.css';
import { callPanel } from '../shared/bridge';
import { enableHostTheme } from '../shared/theme';
import { IssuePanel } from './IssuePanel';

// The analysis is asked for at once, while Jira sends the theme; the page renders when the theme is in.
const firstAnswer = callPanel('getAnalysis', {});

void enableHostTheme().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <IssuePanel firstAnswer={firstAnswer} />
    </StrictMode>,
  );
});
