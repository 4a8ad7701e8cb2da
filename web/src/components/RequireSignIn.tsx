import Link from "next/link";
import { useRouter } from "next/router";
import type { ReactNode } from "react";
import { useSession } from "@/auth/session";

/** Renders children for a signed-in user (in one of `groups`, when given); else says how to sign in. */
export function RequireSignIn({ groups, children }: { groups?: string[]; children: ReactNode }) {
  const { user, hasGroup } = useSession();
  const router = useRouter();
  if (user === undefined) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (!user) {
    return (
      <p>
        <Link href={`/signin?next=${encodeURIComponent(router.asPath)}`}>Sign in</Link> to see this page.
      </p>
    );
  }
  if (groups && !hasGroup(...groups)) {
    return <p>This page is for {groups.join(" or ")} accounts. You are signed in as {user.email}.</p>;
  }
  return <>{children}</>;
}
