import Link from "next/link";
import { useRouter } from "next/router";
import { useState } from "react";
import type { Problem } from "@/api/problem";
import { CognitoError } from "@/auth/cognito";
import { cognitoProblem } from "@/auth/problems";
import { useSession } from "@/auth/session";
import { TextField } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { safeNext } from "@/lib/safeNext";

export default function SignIn() {
  const router = useRouter();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(router.query.next);

  async function submit() {
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      void router.replace(next);
    } catch (error) {
      if (error instanceof CognitoError && error.type === "UserNotConfirmedException") {
        void router.push(`/signup?confirm=${encodeURIComponent(email.trim())}&next=${encodeURIComponent(next)}`);
        return;
      }
      setProblem(cognitoProblem(error, "sign-in"));
      setBusy(false);
    }
  }

  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <form
        className="narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ProblemSummary problem={problem} fields={["email", "password"]} />
        <TextField name="email" label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} problem={problem} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} problem={problem} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>.
      </p>
    </Layout>
  );
}
