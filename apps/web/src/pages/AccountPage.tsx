import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { toast } from "../ui/toast";
import { useMe, useSignOut } from "../app/auth";
import { FormError } from "../components/FormError";
import { useTRPC } from "../trpc";
import { Button, ConfirmDialog, TextField } from "../ui";
import { formErrors } from "./AuthPages";

const formText = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

/** Name and e-mail; a new e-mail asks for the current password. */
function ProfileForm({ name, email }: { name: string; email: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [newEmail, setNewEmail] = useState(email);
  const update = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        setNewEmail(user.email);
        toast.success("Your details are saved.");
      },
    }),
  );
  const { fieldErrors, formError } = formErrors(update.error, ["name", "email", "currentPassword"]);
  const emailChanges = newEmail.trim().toLowerCase() !== email;
  return (
    <section
      aria-labelledby="profile-heading"
      className="space-y-4 rounded-2xl border border-zinc-800 bg-zinc-900/70 p-6"
    >
      <h2 id="profile-heading" className="text-lg font-bold">
        Your details
      </h2>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          update.mutate({
            name: formText(data, "name"),
            email: formText(data, "email"),
            ...(emailChanges ? { currentPassword: formText(data, "currentPassword") } : {}),
          });
        }}
      >
        <FormError message={formError} />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          defaultValue={name}
          error={fieldErrors.name}
        />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          value={newEmail}
          onChange={(event) => setNewEmail(event.target.value)}
          error={fieldErrors.email}
        />
        {emailChanges && (
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            hint="Needed to change your e-mail."
            error={fieldErrors.currentPassword}
          />
        )}
        <Button type="submit" loading={update.isPending}>
          Save details
        </Button>
      </form>
    </section>
  );
}

/** Deleting the account (GDPR erasure), after the password and a confirmation. */
function DeleteAccount() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState("");
  const remove = useMutation(
    trpc.auth.deleteAccount.mutationOptions({
      onSuccess: async () => {
        setAsking(false);
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        queryClient.removeQueries({ queryKey: trpc.reservation.pathKey() });
        await queryClient.invalidateQueries();
        toast.success("Your account is deleted. Goodbye!");
        void navigate("/");
      },
      onError: () => setAsking(false),
    }),
  );
  const { fieldErrors, formError } = formErrors(remove.error, ["password"]);
  return (
    <section
      aria-labelledby="delete-heading"
      className="space-y-4 rounded-2xl border border-rose-900/70 bg-rose-950/20 p-6"
    >
      <h2 id="delete-heading" className="text-lg font-bold">
        Delete your account
      </h2>
      <p className="text-sm text-zinc-300">
        Your upcoming bookings are cancelled and their seats released. Past bookings stay in the
        cinema&apos;s books without your name or e-mail. This cannot be undone.
      </p>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          setAsking(true);
        }}
      >
        <FormError message={formError} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" variant="danger" disabled={password.length === 0}>
          Delete my account
        </Button>
      </form>
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title="Delete your account?"
        description="You will be signed out, and your upcoming bookings will be cancelled."
        confirmLabel="Delete my account"
        cancelLabel="Keep my account"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ password })}
      />
    </section>
  );
}

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
      {me.data && <ProfileForm name={me.data.name} email={me.data.email} />}
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
      <DeleteAccount />
    </div>
  );
}
