import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiRequest, send } from './api';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Fetches again, keeping what is shown until the answer comes (no flicker on live updates). */
  reload(): Promise<void>;
  set(data: T): void;
}

/**
 * Sends `asking` (a GET; none while null), and again whenever its URL changes or `reload` is
 * called.
 */
export function useResource<T>(asking: ApiRequest<T> | null): Resource<T> {
  const url = asking?.url ?? null;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(url !== null);
  const current = useRef(asking);
  current.current = asking;

  const reload = useCallback(async () => {
    const asked = current.current;
    if (asked === null) return;
    // An answer for a URL we have left since is dropped.
    const stillAsked = () => current.current?.url === asked.url;
    try {
      const result = await send(asked);
      if (!stillAsked()) return;
      setData(result);
      setError(undefined);
    } catch (failure) {
      if (stillAsked()) setError(failure);
    } finally {
      if (stillAsked()) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    setLoading(url !== null);
    if (url !== null) void reload();
  }, [url, reload]);

  return { data, error, loading, reload, set: setData };
}
