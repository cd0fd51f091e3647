import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Action {
  /** The last failure, in the reader's words; '' when there is none. */
  readonly error: string;
  /** What the last success said ("Saved."); '' when it said nothing. */
  readonly status: string;
  /** True while a request runs. */
  readonly busy: boolean;
  /**
   * Runs a request: clears the last error and status, then keeps the error it throws, or the
   * status it returns (a string; anything else says nothing).
   */
  readonly run: (request: () => Promise<unknown>) => Promise<void>;
}

/** One form's request at a time, with its outcome for `<Outcome>`. */
export function useAction(): Action {
  const { errorText } = useI18n();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      const said = await request();
      setStatus(typeof said === 'string' ? said : '');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return { error, status, busy, run };
}
