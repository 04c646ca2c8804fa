import type { IssueAnalysisView } from '../../../src/contract';
import { Message } from '../shared/components';
import { AnalysedText } from './AnalysedText';

/** The empty state: no pattern reached the threshold, so there is no integration test plan. */
export function NoPatterns({ view }: { view: IssueAnalysisView }) {
  return (
    <Message appearance="information" title="No integration patterns detected">
      <p>
        Nothing in {view.issue.key} points to an API, external service, sync, webhook or monitoring integration, so no integration test
        cases were generated. If the issue is about an integration, describe the systems involved and re-analyse.
      </p>
      <AnalysedText view={view} />
    </Message>
  );
}
