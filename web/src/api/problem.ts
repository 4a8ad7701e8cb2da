// RFC 9457 problems as the platform answers them (docs/problems.md): `code` to switch on,
// `detail` for people, `errors` keyed by the JSON path of each refused field.

import type { Problem } from "./client";

export type { Problem };

/** A problem for a failure that never reached the API (offline, DNS, CORS). */
export function networkProblem(error: unknown): Problem {
  return {
    type: "about:blank",
    title: "Could not reach the platform.",
    status: 0,
    code: "network_error",
    detail: error instanceof Error ? `Check your connection and try again (${error.message}).` : "Check your connection and try again.",
  };
}

/** Any error body from openapi-fetch, as a problem (a body that is not one still says what status came back). */
export function asProblem(error: unknown, status: number): Problem {
  if (error && typeof error === "object" && "code" in error) {
    return error as Problem;
  }
  return { type: "about:blank", title: "Something went wrong.", status, code: "unknown", detail: `The platform answered ${status}.` };
}

/** The messages for one field, by its JSON path (`venue.timeZone`, `lines[0].quantity`). */
export function fieldErrors(problem: Problem | null | undefined, field: string): string[] {
  return problem?.errors?.[field] ?? [];
}

/** Field paths the form does not show next to a field: they go in the summary. */
export function otherErrors(problem: Problem | null | undefined, shown: readonly string[]): [string, string[]][] {
  return Object.entries(problem?.errors ?? {}).filter(([field]) => !shown.includes(field));
}

/** The DOM id of a field named by a JSON path. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** The API names fields as sent (`name`); a page with several forms prefixes its field ids: re-key the errors to match. */
export function scoped(problem: Problem | undefined, prefix: string): Problem | undefined {
  return problem?.errors
    ? { ...problem, errors: Object.fromEntries(Object.entries(problem.errors).map(([field, messages]) => [prefix + field, messages])) }
    : problem;
}
