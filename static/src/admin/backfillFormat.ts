import type { BackfillScope, BackfillState, BackfillStatusView, FieldError } from '../../../src/contract';

/**
 * Words and numbers of the admin page's backfill section: the state, rate, time left and why a
 * backfill waits, and the resolver's field errors placed on the section's controls. Pure.
 */

export const STATE_LABELS: Readonly<Record<BackfillState, string>> = {
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Whether the backfill can still move (and the page keeps asking how it is doing). */
export function isActive(state: BackfillState): boolean {
  return state === 'running' || state === 'paused';
}

/** Issues per minute, one decimal below 10 (a small backfill is slow to measure), whole above. */
export function formatRate(perMinute: number): string {
  if (!(perMinute > 0)) return 'not measured yet';
  const value = perMinute < 10 ? perMinute.toFixed(1).replace(/\.0$/, '') : String(Math.round(perMinute));
  return `${value} issue${value === '1' ? '' : 's'} a minute`;
}

/** A duration as a person reads it: `less than a minute`, `about 4 min`, `about 2 h 5 min`, `about 3 days`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `about ${hours} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
  return `about ${Math.round(hours / 24)} days`;
}

/** The time left, or why it is not known. */
export function formatEta(status: Pick<BackfillStatusView, 'state' | 'etaSeconds'>): string {
  if (status.state === 'paused') return 'paused';
  if (!isActive(status.state)) return 'finished';
  return status.etaSeconds === undefined ? 'not known yet' : formatDuration(status.etaSeconds);
}

/** Why a running backfill is not moving right now; `now` in ms since the epoch. */
export function waitingText(waiting: NonNullable<BackfillStatusView['waiting']>, now: number): string {
  switch (waiting.reason) {
    case 'jira-quota': {
      const left = waiting.until === undefined ? undefined : (Date.parse(waiting.until) - now) / 1000;
      const when = left === undefined || Number.isNaN(left) ? 'when Jira resets it' : left <= 0 ? 'any moment now' : `in ${formatDuration(left)}`;
      return `Jira’s hourly rate limit is used up. The backfill waits and continues ${when}.`;
    }
    case 'relay':
      return 'Part of the backfill waits for the app’s five-minute relay to continue (Forge limits how many steps one run may queue).';
    case 'stalled':
      return 'Part of the backfill has not reported for a while; the five-minute relay restarts it from its last checkpoint.';
  }
}

/** How far the backfill got, for the progress bar's text: `18 of about 40 issues`. */
export function progressText(status: Pick<BackfillStatusView, 'processed' | 'estimatedTotal' | 'state'>): string {
  const total = Math.max(status.processed, status.estimatedTotal);
  if (status.state === 'completed') return `${status.processed} issue${status.processed === 1 ? '' : 's'}`;
  return `${status.processed} of about ${total} issue${total === 1 ? '' : 's'}`;
}

export function describeScope(scope: BackfillScope): string {
  return scope.kind === 'projects' ? `${scope.projectKeys.length === 1 ? 'Project' : 'Projects'} ${scope.projectKeys.join(', ')}` : `Issues matching ${scope.jql}`;
}

/** Project keys as typed: separated by commas or spaces. */
export function parseProjectKeys(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The section's controls a field error belongs to. */
export type BackfillControl = 'projectKeys' | 'jql' | 'addLabels';

/**
 * The resolver's field errors by control. An error about one project (`scope.projectKeys.2`)
 * names the project; errors of the scope as a whole go to the control of its kind.
 */
export function backfillErrorsByControl(fieldErrors: readonly FieldError[], scope: BackfillScope): Map<BackfillControl, string[]> {
  const byControl = new Map<BackfillControl, string[]>();
  const add = (control: BackfillControl, message: string) => byControl.set(control, [...(byControl.get(control) ?? []), message]);
  for (const { path, message } of fieldErrors) {
    if (path === 'addLabels') {
      add('addLabels', message);
      continue;
    }
    if (!path.startsWith('scope')) continue;
    const item = /^scope\.projectKeys\.(\d+)$/.exec(path);
    const key = item && scope.kind === 'projects' ? scope.projectKeys[Number(item[1])] : undefined;
    const text = key !== undefined && !message.includes(key) ? `${key}: ${message}` : message;
    add(path.startsWith('scope.jql') || (path === 'scope' && scope.kind === 'jql') ? 'jql' : 'projectKeys', text);
  }
  return byControl;
}
