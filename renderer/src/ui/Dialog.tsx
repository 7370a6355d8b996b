import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog (the platform's own <dialog>: focus stays inside, Escape closes it, the page behind is
 * inert). Focus goes back to what opened it when it closes.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="desk-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="desk-dialog__title">{title}</h2>
      {children}
    </dialog>
  );
}
