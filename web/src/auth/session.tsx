// The signed-in user, shared by every page: tokens kept in localStorage (so a reload keeps the
// session), the access token refreshed a minute before it expires, and sign-out forgetting them.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { removeSavedPrefix } from "@/lib/saved";
import { CognitoError, refresh, signIn as cognitoSignIn, userFrom, type Tokens, type UserInfo } from "./cognito";

const STORAGE_KEY = "bitcoin-events.session";
const REFRESH_MARGIN_MS = 60_000;

function readStored(): Tokens | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

function store(tokens: Tokens | null): void {
  try {
    if (tokens) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Private mode without storage: the session lasts as long as the page.
  }
}

let current: Tokens | null = null;
let refreshing: Promise<Tokens | null> | null = null;
const listeners = new Set<(tokens: Tokens | null) => void>();

function setTokens(tokens: Tokens | null): void {
  current = tokens;
  store(tokens);
  listeners.forEach((listener) => listener(tokens));
}

/**
 * A valid access token for an API call, refreshed when it expires within a minute (or when
 * `force`, after the API refused it); null when nobody is signed in or the refresh was refused.
 */
export async function accessToken(force = false): Promise<string | null> {
  current ??= typeof window === "undefined" ? null : readStored();
  if (!current) {
    return null;
  }
  if (!force && current.expiresAt - Date.now() > REFRESH_MARGIN_MS) {
    return current.accessToken;
  }
  const stale = current;
  refreshing ??= refresh(stale.refreshToken)
    .then((tokens) => {
      setTokens(tokens);
      return tokens;
    })
    .catch((error: unknown) => {
      if (error instanceof CognitoError && error.type !== "NetworkError") {
        setTokens(null); // refresh token expired or revoked: signed out
      }
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  const tokens = await refreshing;
  return tokens?.accessToken ?? null;
}

interface Session {
  /** Undefined until the stored session has been read (first render after hydration). */
  user: UserInfo | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
  hasGroup(...groups: string[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [tokens, setState] = useState<Tokens | null | undefined>(undefined);

  useEffect(() => {
    current = readStored();
    setState(current);
    const listener = (next: Tokens | null) => setState(next);
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) {
        current = readStored();
        setState(current);
      }
    };
    window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener("storage", onStorage);
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    setTokens(await cognitoSignIn(email, password));
  }, []);
  const signOut = useCallback(() => {
    // A ticket's QR code is the key to the door: it does not stay on a device its holder signed out of.
    removeSavedPrefix("tickets.");
    setTokens(null);
  }, []);

  const value = useMemo<Session>(() => {
    const user = tokens === undefined ? undefined : tokens ? userFrom(tokens.idToken) : null;
    return {
      user,
      signIn,
      signOut,
      hasGroup: (...groups) => !!user && groups.some((g) => user.groups.includes(g)),
    };
  }, [tokens, signIn, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error("useSession outside SessionProvider");
  }
  return session;
}
