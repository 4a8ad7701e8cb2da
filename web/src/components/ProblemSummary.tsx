import { useEffect, useRef } from "react";
import { fieldId, otherErrors, type Problem } from "@/api/problem";

/**
 * What the API refused, at the top of a form: its detail, then every refused field as a link to
 * the field (fields the form shows link to their input; others are listed as they are). Focused
 * when it appears, so keyboard and screen-reader users hear it.
 */
export function ProblemSummary({ problem, fields = [], title }: { problem: Problem | null | undefined; fields?: readonly string[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) {
      ref.current?.focus();
    }
  }, [problem]);
  if (!problem) {
    return null;
  }
  const errors = Object.entries(problem.errors ?? {});
  const unshown = new Set(otherErrors(problem, fields).map(([field]) => field));
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref} aria-labelledby="problem-title">
      <h2 id="problem-title">{title ?? problem.title ?? "Something went wrong."}</h2>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {errors.length ? (
        <ul>
          {errors.map(([field, messages]) => (
            <li key={field}>
              {unshown.has(field) ? (
                <span>
                  <code>{field}</code> {messages.join(" ")}
                </span>
              ) : (
                <a href={`#${fieldId(field)}`}>
                  {labelOf(field)}: {messages.join(" ")}
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {problem.traceId ? <p className="trace">Reference: {problem.traceId}</p> : null}
    </div>
  );
}

/** The visible label of a field the form shows (its JSON path when there is none). */
function labelOf(field: string): string {
  if (typeof document === "undefined") {
    return field;
  }
  const label = document.querySelector(`label[for="${fieldId(field)}"]`)?.textContent?.trim();
  return label || field;
}
