import { useState } from 'react';
import type { BackfillEstimateView, BackfillScope, BackfillStatusView } from '../../../src/contract';
import { callAdmin, describeError, type CallError } from '../shared/bridge';
import { Message } from '../shared/components';
import { Field } from '../shared/Field';
import { backfillErrorsByControl, parseProjectKeys, type BackfillControl } from './backfillFormat';
import { ConfirmDialog } from './ConfirmDialog';

type Kind = BackfillScope['kind'];
type RequestState =
  | { phase: 'idle' }
  | { phase: 'estimating' }
  | { phase: 'starting' }
  /** `scopeKey` is the scope the estimate is for; a changed scope needs a new one. */
  | { phase: 'estimated'; estimate: BackfillEstimateView; scopeKey: string }
  | { phase: 'failed'; error: CallError };

/**
 * Chooses what a new backfill analyses (projects, or a JQL query), shows Jira's estimate of how
 * many issues that is and the query it runs, and starts it after a confirmation. The resolver
 * validates the scope; its messages appear next to the controls.
 */
export function BackfillScopeForm({ enabledProjects, onStarted }: { enabledProjects: readonly string[]; onStarted: (status: BackfillStatusView) => void }) {
  const [kind, setKind] = useState<Kind>('projects');
  const [chosen, setChosen] = useState<readonly string[]>(enabledProjects);
  const [typedKeys, setTypedKeys] = useState('');
  const [jql, setJql] = useState('');
  const [addLabels, setAddLabels] = useState(false);
  const [request, setRequest] = useState<RequestState>({ phase: 'idle' });
  const [confirming, setConfirming] = useState(false);

  // With enabled projects in the settings, the backfill can only cover those: offer them to tick.
  const listed = enabledProjects.length > 0;
  const scope: BackfillScope = kind === 'jql' ? { kind, jql } : { kind, projectKeys: listed ? enabledProjects.filter((key) => chosen.includes(key)) : parseProjectKeys(typedKeys) };
  const scopeKey = JSON.stringify(scope);
  const estimate = request.phase === 'estimated' && request.scopeKey === scopeKey ? request.estimate : undefined;
  const errors = request.phase === 'failed' ? errorsOf(request.error, scope) : new Map<BackfillControl, string[]>();
  const busy = request.phase === 'estimating' || request.phase === 'starting';

  async function runEstimate(): Promise<BackfillEstimateView | undefined> {
    setRequest({ phase: 'estimating' });
    const result = await callAdmin('estimateBackfill', { scope });
    if (!result.ok) {
      setRequest({ phase: 'failed', error: result.error });
      return undefined;
    }
    setRequest({ phase: 'estimated', estimate: result.data, scopeKey });
    return result.data;
  }

  async function askToStart(): Promise<void> {
    if (estimate ?? (await runEstimate())) setConfirming(true);
  }

  async function start(): Promise<void> {
    setConfirming(false);
    setRequest({ phase: 'starting' });
    const result = await callAdmin('startBackfill', { scope, addLabels });
    if (!result.ok) return setRequest({ phase: 'failed', error: result.error });
    setRequest({ phase: 'idle' });
    onStarted(result.data);
  }

  const otherError = request.phase === 'failed' && errors.size === 0 ? request.error : undefined;
  return (
    <form
      className="section"
      aria-labelledby="backfill-new-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void runEstimate();
      }}
    >
      <h3 id="backfill-new-heading">New backfill</h3>
      <Field id="backfill-kind" label="Issues to analyse">
        {(control) => (
          <select {...control} className="select" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            <option value="projects">Issues of chosen projects</option>
            <option value="jql">Issues matching a JQL query</option>
          </select>
        )}
      </Field>

      {kind === 'projects' && listed ? (
        <fieldset className="stack stack--tight" aria-describedby={errors.has('projectKeys') ? 'backfill-projects-error' : undefined}>
          <legend className="field__label">Enabled projects</legend>
          <div className="inline">
            {enabledProjects.map((key) => (
              <label key={key} className="checkbox" htmlFor={`backfill-project-${key}`}>
                <input
                  id={`backfill-project-${key}`}
                  type="checkbox"
                  checked={chosen.includes(key)}
                  onChange={(event) => setChosen(event.target.checked ? [...chosen, key] : chosen.filter((other) => other !== key))}
                />
                {key}
              </label>
            ))}
          </div>
          {errors.has('projectKeys') ? (
            <div id="backfill-projects-error" className="field__error" data-testid="error-backfill-projects">
              {errors.get('projectKeys')?.map((message) => <p key={message}>{message}</p>)}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {kind === 'projects' && !listed ? (
        <Field id="backfill-projects" label="Project keys" help="Separated by commas, e.g. SHOP, DATA. The app is enabled in every project." errors={errors.get('projectKeys')}>
          {(control) => <input {...control} className="input" value={typedKeys} onChange={(event) => setTypedKeys(event.target.value)} />}
        </Field>
      ) : null}
      {kind === 'jql' ? (
        <Field
          id="backfill-jql"
          label="JQL query"
          help={`Without ORDER BY, e.g. project = SHOP AND created >= -365d.${listed ? ' Only issues of the enabled projects are analysed.' : ''}`}
          errors={errors.get('jql')}
        >
          {(control) => <textarea {...control} className="textarea" rows={3} value={jql} onChange={(event) => setJql(event.target.value)} />}
        </Field>
      ) : null}

      <label className="checkbox" htmlFor="backfill-add-labels">
        <input id="backfill-add-labels" type="checkbox" checked={addLabels} onChange={(event) => setAddLabels(event.target.checked)} />
        Also add pattern labels (labels are only ever added)
      </label>

      <div className="inline">
        <button type="submit" className="button" disabled={busy}>
          {request.phase === 'estimating' ? 'Estimating…' : 'Estimate'}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void askToStart()}>
          {request.phase === 'starting' ? 'Starting…' : 'Start backfill…'}
        </button>
      </div>

      <div aria-live="polite">
        {estimate ? <EstimateResult estimate={estimate} /> : null}
        {errors.size > 0 ? <Message appearance="warning" title="Check the marked fields" /> : null}
        {otherError ? (
          <Message appearance="error" title={describeError(otherError).title}>
            <p>{otherError.message}</p>
          </Message>
        ) : null}
      </div>

      <ConfirmDialog id="backfill-start" open={confirming && estimate !== undefined} title="Start the backfill?" confirmLabel="Start backfill" onConfirm={() => void start()} onClose={() => setConfirming(false)}>
        <p>
          Integration Radar analyses about {estimate?.count ?? 0} issue{estimate?.count === 1 ? '' : 's'} in the background and writes its fields and issue
          property{addLabels ? ', and adds pattern labels' : ''}. It follows Jira’s rate limits; you can pause or cancel it here.
        </p>
      </ConfirmDialog>
    </form>
  );
}

function EstimateResult({ estimate }: { estimate: BackfillEstimateView }) {
  return (
    <div className="stack stack--tight" data-testid="backfill-estimate">
      <p>
        About <strong>{estimate.count}</strong> issue{estimate.count === 1 ? '' : 's'} (Jira’s approximate count).
      </p>
      <p className="subtle break-anywhere">
        Query: <code>{estimate.jql}</code>
      </p>
    </div>
  );
}

/** Field errors by control; Jira refusing a typed query belongs to the query box. */
function errorsOf(error: CallError, scope: BackfillScope): Map<BackfillControl, string[]> {
  if (error.code === 'invalid-request' && error.fieldErrors) return backfillErrorsByControl(error.fieldErrors, scope);
  if (error.code === 'jira-error' && scope.kind === 'jql') return new Map([['jql', ['Jira refused the query: check the field names, values and quotes.']]]);
  return new Map();
}
