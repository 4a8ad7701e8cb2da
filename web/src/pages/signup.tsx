import Link from "next/link";
import { useRouter } from "next/router";
import { useEffect, useState } from "react";
import type { Problem } from "@/api/problem";
import { confirmSignUp, resendCode, signUp } from "@/auth/cognito";
import { cognitoProblem } from "@/auth/problems";
import { useSession } from "@/auth/session";
import { TextField } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { safeNext } from "@/lib/safeNext";

/** /signup: create an account, then confirm it with the code Cognito e-mails (?confirm=email resumes there). */
export default function SignUp() {
  const router = useRouter();
  const { signIn } = useSession();
  const [step, setStep] = useState<"details" | "confirm">("details");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(router.query.next);

  useEffect(() => {
    if (typeof router.query.confirm === "string") {
      setEmail(router.query.confirm);
      setStep("confirm");
    }
  }, [router.query.confirm]);

  async function attempt(action: () => Promise<void>) {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(cognitoProblem(error, "sign-up"));
    } finally {
      setBusy(false);
    }
  }

  const register = () =>
    attempt(async () => {
      const result = await signUp(email.trim(), password);
      if (result.confirmed) {
        await signIn(email.trim(), password);
        void router.replace(next);
      } else {
        setStep("confirm");
        setNotice(`We sent a code to ${email.trim()}.`);
      }
    });

  const confirm = () =>
    attempt(async () => {
      await confirmSignUp(email.trim(), code.trim());
      if (password) {
        await signIn(email.trim(), password);
        void router.replace(next);
      } else {
        void router.replace(`/signin?next=${encodeURIComponent(next)}`);
      }
    });

  return (
    <Layout title="Create an account">
      <h1>{step === "details" ? "Create an account" : "Confirm your email"}</h1>
      {step === "details" ? (
        <form
          className="narrow"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void register();
          }}
        >
          <ProblemSummary problem={problem} fields={["email", "password"]} />
          <TextField name="email" label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} problem={problem} />
          <TextField
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 12 characters, with upper and lower case letters and a digit."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            problem={problem}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating…" : "Create account"}
          </button>
          <p>
            Have an account? <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>.
          </p>
        </form>
      ) : (
        <form
          className="narrow"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
          <ProblemSummary problem={problem} fields={["email", "code"]} />
          <TextField name="email" label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} problem={problem} />
          <TextField name="code" label="Confirmation code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} problem={problem} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Confirming…" : "Confirm"}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void attempt(async () => {
                await resendCode(email.trim());
                setNotice(`We sent a new code to ${email.trim()}.`);
              })}
            >
              Send a new code
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
