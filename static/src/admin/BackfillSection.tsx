import { describeError } from '../shared/bridge';
import { LoadFailed, Skeleton } from '../shared/components';
import { isActive } from './backfillFormat';
import { BackfillProgress } from './BackfillProgress';
import { BackfillScopeForm } from './BackfillScopeForm';
import { useBackfillStatus } from './useBackfillStatus';

/**
 * Analysing the issues that existed before the app was installed (the backfill): the current or
 * last backfill with its progress and controls, and, when none is under way, the form that starts
 * one. It runs with the saved settings.
 */
export function BackfillSection({ enabledProjects }: { enabledProjects: readonly string[] }) {
  const { state, pollError, show, reload } = useBackfillStatus();
  const status = state.phase === 'ready' ? state.status : null;
  return (
    <section className="card stack stack--tight" aria-labelledby="backfill-heading" data-testid="backfill-section">
      <h2 id="backfill-heading">Analyse existing issues</h2>
      <p className="subtle">
        New and updated issues are analysed as they change. A backfill analyses the issues that existed before, with the saved settings, in the background.
      </p>
      {state.phase === 'loading' ? <Skeleton label="Loading the backfill…" lines={3} /> : null}
      {state.phase === 'failed' ? <LoadFailed {...describeError(state.error)} onRetry={reload} /> : null}
      {status ? <BackfillProgress status={status} pollError={pollError} onStatus={show} /> : null}
      {state.phase === 'ready' && !(status && isActive(status.state)) ? <BackfillScopeForm key={enabledProjects.join(',')} enabledProjects={enabledProjects} onStarted={show} /> : null}
    </section>
  );
}
