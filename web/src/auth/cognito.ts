// Cognito's user pool API over plain fetch (JSON 1.1: POST / with X-Amz-Target), the same calls
// against cognito-local and AWS: USER_PASSWORD_AUTH sign-in (cognito-local has no SRP; the app
// client allows exactly this flow and REFRESH_TOKEN_AUTH), SignUp and ConfirmSignUp. A few
// hundred bytes instead of an SDK: the sign-in page stays light on a phone.

import { loadConfig } from "@/lib/config";

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch when the access token expires. */
  expiresAt: number;
}

/** A refusal from Cognito: its __type (NotAuthorizedException, UsernameExistsException, ...) and message. */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = "CognitoError";
  }
}

async function call<T>(operation: string, body: Record<string, unknown>): Promise<T> {
  const config = await loadConfig();
  let response: Response;
  try {
    response = await fetch(config.cognito.endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify({ ClientId: config.cognito.clientId, ...body }),
    });
  } catch {
    throw new CognitoError("NetworkError", "Could not reach the sign-in service. Check your connection and try again.");
  }
  const text = await response.text();
  const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (!response.ok) {
    const type = String(json.__type ?? json.code ?? "UnknownError").split("#").pop() ?? "UnknownError";
    throw new CognitoError(type, String(json.message ?? json.Message ?? `Sign-in service answered ${response.status}.`));
  }
  return json as T;
}

interface AuthResult {
  AuthenticationResult?: { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn: number };
  ChallengeName?: string;
}

function tokensFrom(result: AuthResult, refreshToken?: string): Tokens {
  const auth = result.AuthenticationResult;
  if (!auth) {
    throw new CognitoError(result.ChallengeName ?? "ChallengeRequired", "This account needs a step this app does not support yet.");
  }
  const refresh = auth.RefreshToken ?? refreshToken;
  if (!refresh) {
    throw new CognitoError("NoRefreshToken", "The sign-in service issued no refresh token.");
  }
  return { accessToken: auth.AccessToken, idToken: auth.IdToken, refreshToken: refresh, expiresAt: Date.now() + auth.ExpiresIn * 1000 };
}

export async function signIn(email: string, password: string): Promise<Tokens> {
  const result = await call<AuthResult>("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  return tokensFrom(result);
}

export async function refresh(refreshToken: string): Promise<Tokens> {
  const result = await call<AuthResult>("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return tokensFrom(result, refreshToken);
}

export async function signUp(email: string, password: string): Promise<{ confirmed: boolean }> {
  const result = await call<{ UserConfirmed?: boolean }>("SignUp", {
    Username: email,
    Password: password,
    UserAttributes: [{ Name: "email", Value: email }],
  });
  return { confirmed: result.UserConfirmed === true };
}

export async function confirmSignUp(email: string, code: string): Promise<void> {
  await call("ConfirmSignUp", { Username: email, ConfirmationCode: code });
}

export async function resendCode(email: string): Promise<void> {
  await call("ResendConfirmationCode", { Username: email });
}

/** What the app shows of a signed-in user, read from the ID token (already verified by Cognito's answer over TLS). */
export interface UserInfo {
  sub: string;
  email: string;
  groups: string[];
}

export function userFrom(idToken: string): UserInfo {
  const payload = idToken.split(".")[1] ?? "";
  const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const groups = json["cognito:groups"];
  return {
    sub: String(json.sub ?? ""),
    email: String(json.email ?? json["cognito:username"] ?? ""),
    groups: Array.isArray(groups) ? groups.map(String) : typeof groups === "string" ? [groups] : [],
  };
}
