// Loading data for a page: the latest answer, its error and a busy flag. A
// request that an earlier one overtook is dropped.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'client', undefined, 'Lỗi không mong đợi: ' + String(e), 'Unexpected error: ' + String(e));
}

export function useLoad<T>(load: (() => Promise<T>) | null, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (!load) {
      ++seq.current; // a reply still on its way is no longer wanted
      setData(null);
      setError(null);
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    load().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (mine !== seq.current) return;
        setData(null);
        setError(toApiError(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

// The period a page shows and the text typed for it, applied on submit: the
// last whole year at first (its rates are complete and comparable).
export function usePeriodInput() {
  const [text, setText] = useState(() => String(new Date().getFullYear() - 1));
  const [period, setPeriod] = useState(text);
  return { text, setText, period, apply: () => setPeriod(text.trim()) };
}
