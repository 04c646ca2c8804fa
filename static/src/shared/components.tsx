import type { ReactNode } from 'react';
import type { Evidence } from '../../../src/analysis/types';
import { skeletonLineClasses } from './skeleton';
import { splitSnippet, type EvidenceAt } from './snippet';

/** Atlaskit Lozenge's appearances, as CSS classes (styles.css). */
export type LozengeAppearance = 'default' | 'success' | 'removed' | 'inprogress' | 'moved' | 'new';

export function Lozenge({ appearance = 'default', children }: { appearance?: LozengeAppearance; children: ReactNode }) {
  return <span className={`lozenge lozenge--${appearance}`}>{children}</span>;
}

export type MessageAppearance = 'information' | 'warning' | 'error' | 'success';

/**
 * A section message in the manner of Atlaskit's SectionMessage. Errors are announced at once
 * (`role="alert"`), the others politely (`role="status"`).
 */
export function Message({
  appearance,
  title,
  children,
  actions,
}: {
  appearance: MessageAppearance;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className={`message message--${appearance}`} role={appearance === 'error' ? 'alert' : 'status'}>
      <p className="message__title">{title}</p>
      {children}
      {actions ? <div className="inline">{actions}</div> : null}
    </div>
  );
}

/** Placeholder lines while the analysis loads; screen readers hear `label` instead. */
export function Skeleton({ label, lines = 6 }: { label: string; lines?: number }) {
  return (
    <div className="stack stack--tight" aria-busy="true" data-testid="skeleton">
      <span className="visually-hidden" role="status">
        {label}
      </span>
      <span className="skeleton skeleton--heading" aria-hidden="true" />
      {skeletonLineClasses(lines).map((className, index) => (
        <span key={index} className={className} aria-hidden="true" />
      ))}
    </div>
  );
}

/** A horizontal bar for a value in [0, max], exposed to assistive technology as a meter. */
export function Meter({ label, value, max, tone = 'brand' }: { label: string; value: number; max: number; tone?: 'brand' | 'warning' | 'danger' }) {
  const percent = Math.round((Math.min(Math.max(value, 0), max) / max) * 100);
  return (
    <div className="meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div className={`meter__fill${tone === 'brand' ? '' : ` meter__fill--${tone}`}`} style={{ width: `${percent}%` }} />
    </div>
  );
}

/** How far a long task got, 0..100, exposed to assistive technology as a progress bar. */
export function ProgressBar({ label, percent, valueText, tone = 'brand' }: { label: string; percent: number; valueText: string; tone?: 'brand' | 'success' | 'danger' }) {
  const value = Math.min(Math.max(Math.round(percent), 0), 100);
  return (
    <div className="meter meter--thick" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-valuetext={valueText}>
      <div className={`meter__fill${tone === 'brand' ? '' : ` meter__fill--${tone}`}`} style={{ width: `${value}%` }} />
    </div>
  );
}

const FIELD_LABELS: Readonly<Record<Evidence['field'], string>> = {
  summary: 'Summary',
  description: 'Description',
  components: 'Components',
  labels: 'Labels',
};

const KIND_LABELS: Readonly<Record<Evidence['kind'], string>> = {
  prose: 'text',
  code: 'code',
  url: 'URL',
  stacktrace: 'stack trace',
};

/**
 * Where a match was found and the text around it, the matched phrase highlighted. Ticket text is
 * rendered as text only. `showTerms` names the catalog terms it matched (not for complexity
 * factors, whose term is the factor itself).
 */
export function EvidenceSnippet({ evidence, showTerms = true }: { evidence: EvidenceAt; showTerms?: boolean }) {
  const parts = splitSnippet(evidence);
  return (
    <li className="evidence stack stack--tight" data-testid="evidence">
      <span className="subtlest">
        {FIELD_LABELS[evidence.field]} · {KIND_LABELS[evidence.kind]}
        {showTerms ? ` · matched ${evidence.terms.map((term) => `“${term}”`).join(', ')}` : null}
      </span>
      <span>
        {parts.before}
        {parts.match ? <mark>{parts.match}</mark> : null}
        {parts.after}
      </span>
    </li>
  );
}

/** A failed load: what went wrong, in words a user can act on, and a way to try again. */
export function LoadFailed({ title, detail, onRetry }: { title: string; detail: string; onRetry: () => void }) {
  return (
    <Message
      appearance="error"
      title={title}
      actions={
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      }
    >
      <p>{detail}</p>
    </Message>
  );
}
