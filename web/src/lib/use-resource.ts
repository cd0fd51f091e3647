import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from './api';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Fetches again, keeping what is shown until the answer comes (no flicker on live updates). */
  reload(): Promise<void>;
  set(data: T): void;
}

/** GETs `path` (none while null), and again whenever the path changes or `reload` is called. */
export function useResource<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const current = useRef(path);
  current.current = path;

  const reload = useCallback(async () => {
    const asked = current.current;
    if (asked === null) return;
    try {
      const result = await get<T>(asked);
      // An answer for a path we have left since is dropped.
      if (current.current !== asked) return;
      setData(result);
      setError(undefined);
    } catch (failure) {
      if (current.current === asked) setError(failure);
    } finally {
      if (current.current === asked) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    setLoading(path !== null);
    if (path !== null) void reload();
  }, [path, reload]);

  return { data, error, loading, reload, set: setData };
}
