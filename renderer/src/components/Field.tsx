import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  /** Shown under the control; replaced by the error when there is one. */
  hint?: string;
  error?: string | null;
  children: ReactNode;
}

/**
 * A labelled form control with its hint or error underneath. The control itself is the caller's (it must carry
 * `id`, and `aria-describedby={describedBy(id)}` so a screen reader reads the message with it).
 */
export function Field({ id, label, hint, error, children }: Props) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <div className="field-error" id={describedBy(id)} role="alert" data-testid={`${id}-error`}>
          {error}
        </div>
      ) : (
        hint && (
          <div className="field-hint muted" id={describedBy(id)}>
            {hint}
          </div>
        )
      )}
    </div>
  );
}

export function describedBy(id: string): string {
  return `${id}-msg`;
}
