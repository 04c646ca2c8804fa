import type { ReactElement } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * A labelled form control with its help text and its validation messages, wired for assistive
 * technology: the control is described by both and marked invalid while there are errors.
 */
export function Field({
  id,
  label,
  help,
  errors = [],
  children,
}: {
  id: string;
  label: string;
  help?: string;
  errors?: readonly string[];
  children: (control: ControlProps) => ReactElement;
}) {
  const helpId = help ? `${id}-help` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(errorId ? { 'aria-invalid': true } : {}) })}
      {errorId ? (
        <div id={errorId} className="field__error" data-testid={`error-${id}`}>
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      ) : null}
      {helpId ? (
        <p id={helpId} className="field__help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
