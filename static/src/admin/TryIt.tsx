import { useState } from 'react';
import type { PreviewView } from '../../../src/contract';
import { callAdmin, describeError, type CallError } from '../shared/bridge';
import { Lozenge, Message } from '../shared/components';
import { COMPLEXITY_MAX } from '../shared/complexity';
import { Field } from '../shared/Field';
import { formatConfidence } from '../shared/format';
import { errorsByField, type ConfigPayload } from './configDraft';

type TryState = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; preview: PreviewView } | { phase: 'failed'; error: CallError };

/**
 * Analyses pasted ticket text with the settings as they stand in the form, saved or not
 * (`previewAnalysis`), so an admin sees what a change does before saving it.
 */
export function TryIt({ config, onConfigErrors }: { config: () => ConfigPayload; onConfigErrors: (errors: Map<string, string[]>) => void }) {
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [state, setState] = useState<TryState>({ phase: 'idle' });

  async function run(): Promise<void> {
    setState({ phase: 'running' });
    const result = await callAdmin('previewAnalysis', { config: config(), issue: { summary, description } });
    if (result.ok) {
      onConfigErrors(new Map());
      setState({ phase: 'done', preview: result.data });
      return;
    }
    onConfigErrors(errorsByField(result.error.code === 'invalid-request' ? (result.error.fieldErrors ?? []) : []));
    setState({ phase: 'failed', error: result.error });
  }

  const issueErrors = state.phase === 'failed' && state.error.code === 'invalid-request' ? errorsByField(state.error.fieldErrors ?? [], 'issue.') : new Map<string, string[]>();
  return (
    <section className="card stack stack--tight" aria-labelledby="try-heading">
      <h2 id="try-heading">Try it</h2>
      <p className="subtle">Paste a ticket to see what these settings detect. Nothing is saved.</p>
      <Field id="try-summary" label="Summary" errors={issueErrors.get('summary')}>
        {(control) => <input {...control} className="input" value={summary} onChange={(event) => setSummary(event.target.value)} />}
      </Field>
      <Field id="try-description" label="Description" help="Plain text or Jira wiki markup" errors={issueErrors.get('description')}>
        {(control) => <textarea {...control} className="textarea" rows={5} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      <p>
        <button type="button" className="button" disabled={state.phase === 'running'} onClick={() => void run()}>
          {state.phase === 'running' ? 'Analysing…' : 'Analyse with these settings'}
        </button>
      </p>
      <div aria-live="polite">
        {state.phase === 'done' ? <PreviewResult preview={state.preview} /> : null}
        {state.phase === 'failed' ? <PreviewFailed error={state.error} /> : null}
      </div>
    </section>
  );
}

function PreviewResult({ preview }: { preview: PreviewView }) {
  const { analysis } = preview;
  if (analysis.patterns.length === 0) return <Message appearance="information" title="No integration patterns detected" />;
  const p0 = analysis.testPlan.cases.filter((testCase) => testCase.priority === 'P0').length;
  return (
    <div className="stack stack--tight" data-testid="preview-result">
      <ul className="stack stack--tight" aria-label="Detected patterns">
        {analysis.patterns.map((pattern) => (
          <li key={pattern.id} className="inline inline--tight">
            <Lozenge appearance="inprogress">{pattern.name}</Lozenge>
            <span className="subtle">{formatConfidence(pattern.confidence, analysis.strategy)}</span>
          </li>
        ))}
      </ul>
      <p>
        Complexity {analysis.complexity.score}/{COMPLEXITY_MAX} · {analysis.testPlan.cases.length} test cases, {p0} P0
        {analysis.providers.length > 0 ? ` · providers: ${analysis.providers.map((provider) => provider.name).join(', ')}` : ''}
      </p>
    </div>
  );
}

function PreviewFailed({ error }: { error: CallError }) {
  if (error.code === 'invalid-request') {
    const onlyText = (error.fieldErrors ?? []).every((fieldError) => fieldError.path.startsWith('issue.'));
    return <Message appearance="warning" title={onlyText ? 'Check the pasted text' : 'Fix the settings marked above to try them'} />;
  }
  const { title, detail } = describeError(error);
  return (
    <Message appearance="error" title={title}>
      <p>{detail}</p>
    </Message>
  );
}
