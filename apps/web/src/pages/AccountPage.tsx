import { useMutation } from "@tanstack/react-query";
import { useRef } from "react";
import { toast } from "sonner";
import { useMe, useSignOut } from "../app/auth";
import { FormError } from "../components/FormError";
import { useTRPC } from "../trpc";
import { Button, TextField } from "../ui";
import { formErrors } from "./AuthPages";

export function AccountPage() {
  const trpc = useTRPC();
  const me = useMe();
  const signOut = useSignOut();
  const form = useRef<HTMLFormElement>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: ({ endedSessions }) => {
        form.current?.reset();
        toast.success(
          endedSessions > 0
            ? `Password changed. ${endedSessions} other ${endedSessions === 1 ? "session was" : "sessions were"} signed out.`
            : "Password changed.",
        );
      },
    }),
  );
  const { fieldErrors, formError } = formErrors(change.error, ["currentPassword", "newPassword"]);
  return (
    <div className="mx-auto max-w-md space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-black tracking-tight">Your account</h1>
        {me.data && (
          <p className="text-zinc-400">
            {me.data.name} · {me.data.email}
          </p>
        )}
      </section>
      <section
        aria-labelledby="password-heading"
        className="space-y-4 rounded-2xl border border-zinc-800 bg-zinc-900/70 p-6"
      >
        <h2 id="password-heading" className="text-lg font-bold">
          Change password
        </h2>
        <form
          ref={form}
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const text = (name: string) => {
              const value = data.get(name);
              return typeof value === "string" ? value : "";
            };
            change.mutate({
              currentPassword: text("currentPassword"),
              newPassword: text("newPassword"),
            });
          }}
        >
          <FormError message={formError} />
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={fieldErrors.currentPassword}
          />
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters. Your other sessions will be signed out."
            error={fieldErrors.newPassword}
          />
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </form>
      </section>
      <section className="space-y-2">
        <Button variant="secondary" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          Sign out
        </Button>
      </section>
    </div>
  );
}
