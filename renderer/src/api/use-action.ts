import { useState } from 'react';
import { asApiError, type ApiError } from './errors.js';

/**
 * A form's one call to main: `busy` while it runs (the submit button says so and ignores repeats), the structured
 * error when main refused it (shown by ErrorBox with its field names), cleared when the next attempt starts.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = <T>(call: () => Promise<T>, onDone: (value: T) => void): void => {
    setBusy(true);
    setError(null);
    call().then(
      (value) => {
        setBusy(false);
        onDone(value);
      },
      (err: unknown) => {
        setBusy(false);
        setError(asApiError(err));
      },
    );
  };
  return { busy, error, setError, run };
}
