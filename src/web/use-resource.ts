/**
 * Loads something from the API and keeps it current: reloads on demand, every `refreshMs`, and
 * keeps showing the last data while a reload runs (no flicker, no empty table between loads).
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api.js";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload(): void;
}

export function useResource<T>(load: () => Promise<T>, key: string, refreshMs?: number): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const latest = useRef(load);
  latest.current = load;
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    latest.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
      },
      (reason: unknown) => {
        if (mine !== generation.current) return;
        setError(reason instanceof ApiError ? reason : new ApiError(0, "client", String(reason)));
      },
    );
  }, []);

  useEffect(() => {
    setData(undefined);
    reload();
  }, [key, reload]);

  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, reload]);

  return { data, error, reload };
}

/** The current time, ticking every `everyMs`, so relative times ("3 minutes ago") stay true. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
