import Head from "next/head";
import Link from "next/link";
import { useRouter } from "next/router";
import type { ReactNode } from "react";
import { useSession } from "@/auth/session";
import { NAV } from "@/nav";

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { user, signOut, hasGroup } = useSession();
  const router = useRouter();
  const here = router.asPath;
  const entries = NAV.filter((entry) => entry.groups === undefined || (user && (entry.groups.length === 0 || hasGroup(...entry.groups))));

  return (
    <>
      <Head>
        <title>{`${title} · Bitcoin Events`}</title>
      </Head>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link href="/" className="brand">
            <span aria-hidden="true" className="brand-mark">B</span> Bitcoin Events
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              {entries.map((entry) => (
                <li key={entry.href}>
                  <Link href={entry.href} aria-current={here === entry.href ? "page" : undefined}>
                    {entry.label}
                  </Link>
                </li>
              ))}
              <li>
                {user ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      signOut();
                      void router.push("/");
                    }}
                  >
                    Sign out
                  </button>
                ) : user === null ? (
                  <Link href={`/signin?next=${encodeURIComponent(here)}`}>Sign in</Link>
                ) : null}
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          {user ? <p>Signed in as {user.email}</p> : <p>Tickets for Bitcoin meetups and conferences.</p>}
        </div>
      </footer>
    </>
  );
}
