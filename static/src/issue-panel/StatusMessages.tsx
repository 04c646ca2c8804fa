import type { IssueAnalysisView, SyncDecision } from '../../../src/contract';
import { Message } from '../shared/components';

/** What the app has (not) written to the issue: pending, out of date, project not enabled, labels refused. */
export function StoredStateMessage({ view }: { view: IssueAnalysisView }) {
  if (!view.projectEnabled) {
    return (
      <Message appearance="information" title="Integration Radar is not enabled for this project">
        <p>This analysis is shown here only: fields and labels are not written until a Jira admin enables the project.</p>
      </Message>
    );
  }
  if (view.stored === null) {
    return (
      <Message appearance="information" title="Analysis pending">
        <p>
          Integration Radar has not saved its results on {view.issue.key} yet; a new issue gets them within moments. The analysis
          below is computed now from the issue as it stands.
        </p>
      </Message>
    );
  }
  if (!view.stored.upToDate) {
    return (
      <Message appearance="warning" title="Saved results are out of date">
        <p>The issue changed since its fields and labels were written. Re-analyse to update them.</p>
      </Message>
    );
  }
  if (view.stored.labelsNotOnScreen) {
    return (
      <Message appearance="warning" title="Labels could not be added">
        <p>The project’s edit screen has no Labels field, so pattern labels were not added. The custom fields were written.</p>
      </Message>
    );
  }
  return null;
}

const DECISION_MESSAGES: Readonly<Record<SyncDecision, { title: string; detail: string }>> = {
  written: { title: 'Re-analysed', detail: 'The new results are saved to the issue’s fields and labels.' },
  unchanged: { title: 'Re-analysed: nothing changed', detail: 'The results equal those already saved on the issue.' },
  'project-disabled': { title: 'Re-analysed, not saved', detail: 'The project is not enabled, so nothing was written to the issue.' },
};

export function ReanalysedMessage({ decision }: { decision: SyncDecision }) {
  const { title, detail } = DECISION_MESSAGES[decision];
  return (
    <Message appearance="success" title={title}>
      <p>{detail}</p>
    </Message>
  );
}
