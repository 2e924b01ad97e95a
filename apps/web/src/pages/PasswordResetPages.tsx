// Forgot password (/forgot-password) and the mailed link's target (/reset-password?token=…).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { toast } from "../ui/toast";
import { FormError } from "../components/FormError";
import { useTRPC } from "../trpc";
import { Button, TextField } from "../ui";
import { AuthCard, formErrors } from "./AuthPages";

export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({ meta: { authRedirect: false } }),
  );
  const { fieldErrors, formError } = formErrors(request.error, ["email"]);
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="We will mail you a link to choose a new one. It works once, for 30 minutes."
    >
      {request.isSuccess ? (
        <div className="space-y-4">
          <p role="status" className="rounded-lg bg-emerald-950/60 px-3 py-2 text-emerald-200">
            {request.data.message}
          </p>
          <Link to="/signin" className="text-amber-300 underline-offset-2 hover:underline">
            Back to sign in
          </Link>
        </div>
      ) : (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            request.mutate({ email });
          }}
        >
          <FormError message={formError} />
          <TextField
            label="E-mail"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors.email}
          />
          <Button type="submit" size="lg" className="w-full" loading={request.isPending}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      meta: { authRedirect: false },
      onSuccess: () => {
        toast.success("Password changed. Sign in with your new password.");
        void navigate("/signin", { replace: true });
      },
    }),
  );
  const { fieldErrors, formError } = formErrors(reset.error, ["password"]);
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Every device signed in to your account will be signed out."
    >
      {token === "" ? (
        <p className="text-rose-300">
          This page needs the link from the mail.{" "}
          <Link to="/forgot-password" className="text-amber-300 underline">
            Ask for a new one
          </Link>
          .
        </p>
      ) : (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            reset.mutate({ token, password });
          }}
        >
          <FormError message={formError} />
          <TextField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 8 characters. A passphrase is best."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" size="lg" className="w-full" loading={reset.isPending}>
            Set new password
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
