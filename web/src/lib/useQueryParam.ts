import { useRouter } from "next/router";

/** A query-string value once the router has read the URL (static pages hydrate without it); null until then or when absent. */
export function useQueryParam(name: string): { ready: boolean; value: string | null } {
  const router = useRouter();
  const raw = router.query[name];
  const value = typeof raw === "string" && raw.length > 0 ? raw : null;
  return { ready: router.isReady, value };
}
