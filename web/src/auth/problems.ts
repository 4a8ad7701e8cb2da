import type { Problem } from "@/api/problem";
import { CognitoError } from "./cognito";

/**
 * Cognito's refusals as a problem naming the form's fields, so they show where the person typed.
 * `form`: at sign-in a password refused is a wrong one (Cognito says NotAuthorizedException,
 * cognito-local InvalidPasswordException); at sign-up it is one the pool's policy refuses.
 */
export function cognitoProblem(error: unknown, form: "sign-in" | "sign-up"): Problem {
  const problem = (errors: Record<string, string[]>, detail?: string): Problem => ({
    type: "about:blank",
    title: "That did not work.",
    status: 400,
    code: "validation_failed",
    ...(detail ? { detail } : {}),
    errors,
  });
  if (!(error instanceof CognitoError)) {
    return { type: "about:blank", title: "That did not work.", status: 0, code: "unknown", detail: error instanceof Error ? error.message : String(error) };
  }
  switch (error.type) {
    case "NotAuthorizedException":
    case "UserNotFoundException":
      return problem({ password: ["Wrong email or password."] });
    case "InvalidPasswordException":
      return problem({ password: [form === "sign-in" ? "Wrong email or password." : error.message] });
    case "UsernameExistsException":
      return problem({ email: ["An account with this email exists: sign in instead."] });
    case "CodeMismatchException":
    case "ExpiredCodeException":
      return problem({ code: [error.message] });
    case "InvalidParameterException":
      return /password/i.test(error.message) ? problem({ password: [error.message] }) : problem({ email: [error.message] });
    case "LimitExceededException":
    case "TooManyRequestsException":
      return { type: "about:blank", title: "Too many attempts.", status: 429, code: "too_many_requests", detail: "Wait a minute, then try again." };
    default:
      return { type: "about:blank", title: "That did not work.", status: 0, code: error.type, detail: error.message };
  }
}
