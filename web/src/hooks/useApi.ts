/**
 * One API call per distinct key: data, error, loading and retry, with the previous request
 * aborted when the key changes. The previous data stays visible while the next one loads;
 * `loading` is true from the very render in which the key changes.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';

export type ApiState<T> = {
  data: T | undefined;
  error: ApiRequestError | undefined;
  loading: boolean;
  retry(): void;
};

export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [attempt, setAttempt] = useState(0);
  const [data, setData] = useState<T>();
  const [done, setDone] = useState<{ token: string; error?: ApiRequestError }>();
  const token = `${attempt}\n${key}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the request is fully described by key (and the retry count in token); load is a new closure each render
  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    load(ctrl.signal)
      .then((d) => {
        if (!ctrl.signal.aborted) {
          setData(d);
          setDone({ token });
        }
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted || (e as Error).name === 'AbortError') return;
        setDone({ token, error: e instanceof ApiRequestError ? e : new ApiRequestError(String(e), 0) });
      });
    return () => ctrl.abort();
    // `load` is a new closure every render; the key says when it asks for something else.
  }, [token]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    data,
    error: done?.token === token ? done.error : undefined,
    loading: key !== null && done?.token !== token,
    retry,
  };
}
