import type { ReactNode } from "react";
import type { Problem } from "@/api/problem";
import { ProblemSummary } from "./ProblemSummary";

/** Loading, a problem, or the content: one line for pages that load data. */
export function Loadable<T>({ loading, problem, data, children }: { loading: boolean; problem: Problem | undefined; data: T | undefined; children: (data: T) => ReactNode }) {
  if (problem) {
    return <ProblemSummary problem={problem} />;
  }
  if (loading || data === undefined) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  return <>{children(data)}</>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status.replace(/_/g, " ")}</span>;
}
