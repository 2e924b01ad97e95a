import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { toast } from "../ui/toast";
import { safeNext, useMe } from "../app/auth";
import { FormError } from "../components/FormError";
import { useTRPC } from "../trpc";
import { Button, errorInfo, TextField } from "../ui";

export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="mx-auto w-full max-w-md space-y-6 rounded-2xl border border-zinc-800 bg-zinc-900/70 p-6 sm:p-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-black tracking-tight">{title}</h1>
        <p className="text-sm text-zinc-400">{subtitle}</p>
      </div>
      {children}
    </section>
  );
}

/** Field messages for fields the form shows; anything else becomes the form's error. */
export function formErrors(error: unknown, fields: readonly string[]) {
  if (!error) return { fieldErrors: {} as Record<string, string[]>, formError: null };
  const info = errorInfo(error);
  const fieldErrors: Record<string, string[]> = {};
  const others: string[] = [...info.formErrors];
  for (const [field, messages] of Object.entries(info.fieldErrors)) {
    if (fields.includes(field)) fieldErrors[field] = messages;
    else others.push(...messages);
  }
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const formError = others.length > 0 ? others.join(" ") : hasFieldErrors ? null : info.message;
  return { fieldErrors, formError };
}

/**
 * After a refused submit, focus goes where the problem is: the first invalid field, or else
 * the form's error summary (so a keyboard or screen-reader user is not left on the button).
 */
function useFocusOnError(
  form: RefObject<HTMLFormElement | null>,
  summary: RefObject<HTMLElement | null>,
  error: unknown,
) {
  useEffect(() => {
    if (!error) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summary.current)?.focus();
  }, [error, form, summary]);
}

function useAfterSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  return {
    next,
    done: async (user: { name: string }, message: string) => {
      queryClient.setQueryData(
        trpc.auth.me.queryKey(),
        (old) => ({ ...old, ...user }) as typeof old,
      );
      // Everything personal (bookings, "MINE" seats) must be read again as this user.
      await queryClient.invalidateQueries();
      toast.success(message);
      void navigate(next, { replace: true });
    },
  };
}

function formValues(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  const data = new FormData(event.currentTarget);
  const out: Record<string, string> = {};
  for (const [key, value] of data) if (typeof value === "string") out[key] = value;
  return out;
}

export function SignInPage() {
  const trpc = useTRPC();
  const me = useMe();
  const { next, done } = useAfterSignIn();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      meta: { authRedirect: false },
      onSuccess: ({ user }) => done(user, `Welcome back, ${user.name}!`),
    }),
  );
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useFocusOnError(form, summary, login.error);
  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;
  const { fieldErrors, formError } = formErrors(login.error, ["email", "password"]);
  return (
    <AuthCard
      title="Sign in"
      subtitle={
        <>
          New here?{" "}
          <Link
            to={next === "/" ? "/signup" : `/signup?next=${encodeURIComponent(next)}`}
            className="text-amber-300 underline underline-offset-2"
          >
            Create an account
          </Link>
        </>
      }
    >
      <form
        ref={form}
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          const v = formValues(event);
          login.mutate({ email: v.email ?? "", password: v.password ?? "" });
        }}
      >
        <div ref={summary} tabIndex={-1} className="focus:outline-none">
          <FormError message={formError} />
        </div>
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
        <Button type="submit" size="lg" className="w-full" loading={login.isPending}>
          Sign in
        </Button>
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="text-amber-300 underline-offset-2 hover:underline">
            Forgot your password?
          </Link>
        </p>
      </form>
    </AuthCard>
  );
}

export function SignUpPage() {
  const trpc = useTRPC();
  const me = useMe();
  const { next, done } = useAfterSignIn();
  const register = useMutation(
    trpc.auth.register.mutationOptions({
      meta: { authRedirect: false },
      onSuccess: ({ user }) => done(user, `Welcome to Marquee, ${user.name}!`),
    }),
  );
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useFocusOnError(form, summary, register.error);
  if (me.data && !register.isPending && !register.isSuccess) return <Navigate to={next} replace />;
  const { fieldErrors, formError } = formErrors(register.error, ["name", "email", "password"]);
  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{" "}
          <Link
            to={next === "/" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`}
            className="text-amber-300 underline underline-offset-2"
          >
            Sign in
          </Link>
        </>
      }
    >
      <form
        ref={form}
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          const v = formValues(event);
          register.mutate({ name: v.name ?? "", email: v.email ?? "", password: v.password ?? "" });
        }}
      >
        <div ref={summary} tabIndex={-1} className="focus:outline-none">
          <FormError message={formError} />
        </div>
        <TextField label="Name" name="name" autoComplete="name" required error={fieldErrors.name} />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters. A passphrase is best."
          error={fieldErrors.password}
        />
        <Button type="submit" size="lg" className="w-full" loading={register.isPending}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
