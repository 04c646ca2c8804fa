import { useCallback, useEffect, useState } from 'react';
import type { BackfillStatusView } from '../../../src/contract';
import { callAdmin, type CallError } from '../shared/bridge';
import { isActive } from './backfillFormat';

/** How often the page asks how a running or paused backfill is doing. */
export const POLL_INTERVAL_MS = 5_000;

export type BackfillStatusState =
  | { phase: 'loading' }
  | { phase: 'failed'; error: CallError }
  /** `status` is null when no backfill ever ran. */
  | { phase: 'ready'; status: BackfillStatusView | null };

/**
 * The current (or last) backfill: loaded when the section mounts, then asked again every
 * POLL_INTERVAL_MS while it is running or paused. Polling stops once it has finished, and when the
 * section unmounts. `show` puts in a status an action answered (start, pause, resume, cancel),
 * which restarts the polling when it is active again. A failed poll keeps the last status and
 * tries again at the next interval; `pollError` says it failed.
 */
export function useBackfillStatus(): { state: BackfillStatusState; pollError: CallError | undefined; show: (status: BackfillStatusView) => void; reload: () => void } {
  const [state, setState] = useState<BackfillStatusState>({ phase: 'loading' });
  const [pollError, setPollError] = useState<CallError | undefined>();
  // Each load, poll and `show` bumps this, so an answer that arrives after a newer one is dropped.
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(() => {
    setState({ phase: 'loading' });
    setGeneration((value) => value + 1);
  }, []);

  const show = useCallback((status: BackfillStatusView) => {
    setPollError(undefined);
    setState({ phase: 'ready', status });
    setGeneration((value) => value + 1);
  }, []);

  const loading = state.phase === 'loading';
  const active = state.phase === 'ready' && state.status !== null && isActive(state.status.state);

  useEffect(() => {
    if (!loading && !active) return undefined;
    let cancelled = false;
    const ask = async () => {
      const result = await callAdmin('getBackfillStatus', {});
      if (cancelled) return;
      if (result.ok) {
        setPollError(undefined);
        setState({ phase: 'ready', status: result.data.status });
      } else if (loading) {
        setState({ phase: 'failed', error: result.error });
      } else {
        setPollError(result.error);
      }
      setGeneration((value) => value + 1);
    };
    const timer = loading ? undefined : setTimeout(() => void ask(), POLL_INTERVAL_MS);
    if (loading) void ask();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [generation, loading, active]);

  return { state, pollError, show, reload };
}
