import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal question (native `<dialog>` opened with `showModal()`, so focus is trapped and Escape
 * closes it) with a confirming button and a way back.
 */
export function ConfirmDialog({
  id,
  open,
  title,
  confirmLabel,
  backLabel = 'Back',
  danger = false,
  onConfirm,
  onClose,
  children,
}: {
  id: string;
  open: boolean;
  title: string;
  confirmLabel: string;
  backLabel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} aria-labelledby={`${id}-heading`} onClose={onClose}>
      <div className="stack stack--tight">
        <h2 id={`${id}-heading`}>{title}</h2>
        {children}
        <div className="inline">
          <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {backLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
