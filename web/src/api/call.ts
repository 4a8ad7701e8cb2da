// One shape for every API call a page makes: the data, or the problem to show.

import { useCallback, useEffect, useRef, useState } from "react";
import type { Client } from "openapi-fetch";
import { api } from "./client";
import { asProblem, networkProblem, type Problem } from "./problem";
import type { paths } from "./schema";

export type Outcome<T> = { ok: true; data: T; response: Response } | { ok: false; problem: Problem; response?: Response };

type Call<T> = (client: Client<paths>) => Promise<{ data?: T; error?: unknown; response: Response }>;

export async function call<T>(fn: Call<T>): Promise<Outcome<T>> {
  let result: Awaited<ReturnType<Call<T>>>;
  try {
    result = await fn(await api());
  } catch (error) {
    return { ok: false, problem: networkProblem(error) };
  }
  if (result.response.ok) {
    return { ok: true, data: result.data as T, response: result.response };
  }
  return { ok: false, problem: asProblem(result.error, result.response.status), response: result.response };
}

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads on mount and whenever `key` changes; `key` null waits (e.g. for the query string). */
export function useLoad<T>(key: string | null, fn: Call<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: key !== null });
  const [generation, setGeneration] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    if (key === null) {
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void call(fnRef.current).then((outcome) => {
      if (live) {
        setState(outcome.ok ? { data: outcome.data, loading: false } : { problem: outcome.problem, loading: false });
      }
    });
    return () => {
      live = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, problem: state.problem, loading: state.loading, reload };
}
