import { useState } from 'react';
import type { BackfillErrorView, BackfillState, BackfillStatusView } from '../../../src/contract';
import { callAdmin, describeError, type CallError } from '../shared/bridge';
import { Lozenge, Message, ProgressBar, type LozengeAppearance } from '../shared/components';
import { describeScope, formatEta, formatRate, isActive, progressText, STATE_LABELS, waitingText } from './backfillFormat';
import { ConfirmDialog } from './ConfirmDialog';

const STATE_APPEARANCES: Readonly<Record<BackfillState, LozengeAppearance>> = {
  running: 'inprogress',
  paused: 'moved',
  completed: 'success',
  failed: 'removed',
  cancelled: 'default',
};

type Command = 'pauseBackfill' | 'resumeBackfill' | 'cancelBackfill';
type CommandState = { phase: 'idle' } | { phase: 'sending'; command: Command } | { phase: 'failed'; error: CallError };

/**
 * The current or last backfill: its state, a progress bar, the counts, the rate and time left, why
 * it waits, the newest errors, and pause, resume and cancel (after a confirmation).
 */
export function BackfillProgress({ status, pollError, onStatus }: { status: BackfillStatusView; pollError: CallError | undefined; onStatus: (status: BackfillStatusView) => void }) {
  const [command, setCommand] = useState<CommandState>({ phase: 'idle' });
  const [confirmCancel, setConfirmCancel] = useState(false);
  const active = isActive(status.state);

  async function send(key: Command): Promise<void> {
    setConfirmCancel(false);
    setCommand({ phase: 'sending', command: key });
    const result = await callAdmin(key, {});
    if (result.ok) {
      setCommand({ phase: 'idle' });
      onStatus(result.data);
    } else {
      setCommand({ phase: 'failed', error: result.error });
    }
  }

  const sending = command.phase === 'sending';
  return (
    <div className="section" data-testid="backfill-progress" aria-labelledby="backfill-progress-heading" role="group">
      <div className="inline inline--tight">
        <h3 id="backfill-progress-heading">{active ? 'Current backfill' : 'Last backfill'}</h3>
        <span data-testid="backfill-state">
          <Lozenge appearance={STATE_APPEARANCES[status.state]}>{STATE_LABELS[status.state]}</Lozenge>
        </span>
      </div>
      <p className="subtle break-anywhere">
        {describeScope(status.scope)} · {status.addLabels ? 'adding pattern labels' : 'fields and property only, no labels'}
      </p>

      <ProgressBar
        label="Backfill progress"
        percent={status.percent}
        valueText={`${status.percent}%, ${progressText(status)}`}
        tone={status.state === 'completed' ? 'success' : status.state === 'failed' ? 'danger' : 'brand'}
      />
      <p data-testid="backfill-percent">
        {status.percent}% · {progressText(status)}
      </p>

      <dl className="figures" data-testid="backfill-counts">
        <Figure term="Written" value={status.done} testId="backfill-done" />
        <Figure term="Skipped (unchanged)" value={status.skipped} testId="backfill-skipped" />
        <Figure term="Failed" value={status.failed} testId="backfill-failed" />
        <Figure term="Rate" value={formatRate(status.ratePerMinute)} testId="backfill-rate" />
        <Figure term="Time left" value={formatEta(status)} testId="backfill-eta" />
      </dl>

      {status.waiting ? (
        <Message appearance="information" title="Waiting">
          <p>{waitingText(status.waiting, Date.now())}</p>
        </Message>
      ) : null}
      <Outcome status={status} />
      {pollError ? (
        <Message appearance="warning" title="The progress could not be updated">
          <p>{describeError(pollError).detail} The page tries again in a few seconds.</p>
        </Message>
      ) : null}
      {command.phase === 'failed' ? (
        <Message appearance="error" title={describeError(command.error).title}>
          <p>{command.error.message}</p>
        </Message>
      ) : null}

      {active ? (
        <div className="inline">
          {status.state === 'running' ? (
            <button type="button" className="button" disabled={sending} onClick={() => void send('pauseBackfill')}>
              {sending && command.command === 'pauseBackfill' ? 'Pausing…' : 'Pause'}
            </button>
          ) : (
            <button type="button" className="button button--primary" disabled={sending} onClick={() => void send('resumeBackfill')}>
              {sending && command.command === 'resumeBackfill' ? 'Resuming…' : 'Resume'}
            </button>
          )}
          <button type="button" className="button" disabled={sending} onClick={() => setConfirmCancel(true)}>
            {sending && command.command === 'cancelBackfill' ? 'Cancelling…' : 'Cancel backfill'}
          </button>
        </div>
      ) : null}

      {status.lastErrors.length > 0 ? <ErrorList errors={status.lastErrors} /> : null}

      <ConfirmDialog
        id="backfill-cancel"
        open={confirmCancel}
        title="Cancel the backfill?"
        confirmLabel="Cancel backfill"
        backLabel="Keep it running"
        danger
        onConfirm={() => void send('cancelBackfill')}
        onClose={() => setConfirmCancel(false)}
      >
        <p>It stops after the page of issues it is working on. Issues analysed so far keep their results; a cancelled backfill cannot be resumed.</p>
      </ConfirmDialog>
    </div>
  );
}

function Figure({ term, value, testId }: { term: string; value: number | string; testId: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Outcome({ status }: { status: BackfillStatusView }) {
  const counts = `${status.done} written, ${status.skipped} already up to date, ${status.failed} failed.`;
  switch (status.state) {
    case 'completed':
      return (
        <Message appearance="success" title="Backfill completed">
          <p>
            {status.processed} issue{status.processed === 1 ? '' : 's'} analysed: {counts}
          </p>
        </Message>
      );
    case 'failed':
      return (
        <Message appearance="error" title="The backfill failed">
          <p>Part of it could not go on (see the errors below). {counts} Start a new backfill to try again.</p>
        </Message>
      );
    case 'cancelled':
      return (
        <Message appearance="information" title="Backfill cancelled">
          <p>Issues analysed before it stopped keep their results: {counts}</p>
        </Message>
      );
    default:
      return null;
  }
}

function ErrorList({ errors }: { errors: readonly BackfillErrorView[] }) {
  return (
    <div className="stack stack--tight">
      <h4 id="backfill-errors-heading">Last errors</h4>
      <ul className="stack stack--tight" aria-labelledby="backfill-errors-heading" data-testid="backfill-errors">
        {errors.map((error, index) => (
          <li key={`${error.at}-${index}`} className="evidence">
            <span className="subtlest">
              {new Date(error.at).toLocaleString()}
              {error.issueKey ? ` · ${error.issueKey}` : ''}
              {error.operation ? ` · ${error.operation}` : ''}
              {error.status !== undefined ? ` · ${error.status === 0 ? 'no answer' : `HTTP ${error.status}`}` : ''}
            </span>
            <span className="break-anywhere">{error.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
