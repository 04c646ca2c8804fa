import type { IssueAnalysisView } from '../../../src/contract';
import { formatCount } from '../shared/format';

/** What the analysis read, so a reader can judge a surprising result. */
export function AnalysedText({ view }: { view: IssueAnalysisView }) {
  const { analysis } = view;
  return (
    <p className="subtlest" data-testid="analysed-text">
      Analysed {formatCount(analysis.analysedChars)} characters of {view.issue.key}’s summary, description, components and labels
      with the {analysis.strategy} strategy.
      {analysis.truncatedChars > 0 ? ` The last ${formatCount(analysis.truncatedChars)} characters of the description were not read.` : ''}
      {analysis.warnings.length > 0 ? ` ${analysis.warnings.length} part(s) of the description could not be read.` : ''}
    </p>
  );
}
