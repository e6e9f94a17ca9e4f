/**
 * A modal built on the native <dialog>: the browser traps focus, closes on Escape and restores
 * focus to the opener, which is what keyboard users expect and hard to get right by hand.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  className,
  labelledBy = 'dialog-title',
  hideTitle = false,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  labelledBy?: string;
  /** The title still names the dialog for screen readers, but is not shown (command palette). */
  hideTitle?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="dialog-box">
        {hideTitle ? (
          <h2 id={labelledBy} className="visually-hidden">
            {title}
          </h2>
        ) : (
          <header className="dialog-head">
            <h2 id={labelledBy}>{title}</h2>
          </header>
        )}
        <div className="dialog-body">{children}</div>
        {footer ? <footer className="dialog-foot">{footer}</footer> : null}
      </div>
    </dialog>
  );
}
