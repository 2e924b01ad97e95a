import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck, ShieldOff, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "../ui/toast";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@marquee/api";
import { useTRPC } from "../trpc";
import { Button, ConfirmDialog, errorInfo, formatLocalDate, SearchField, Skeleton } from "../ui";
import { useDebounced } from "./hooks";
import { roleChangedText, roleChangeText } from "./roles";
import { EmptyState, ErrorAlert, PageHeader, StatusBadge } from "./kit";

type User = inferRouterOutputs<AppRouter>["user"]["list"]["items"][number];
type Role = User["role"];

export function UsersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim());
  const [deleting, setDeleting] = useState<User | null>(null);
  const [roleError, setRoleError] = useState<{ userId: string; message: string } | null>(null);
  const [changing, setChanging] = useState<{ user: User; role: Role } | null>(null);
  const [roleOpen, setRoleOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const me = useQuery(trpc.auth.me.queryOptions());
  const users = useInfiniteQuery(
    trpc.user.list.infiniteQueryOptions(
      { query: query || undefined, limit: 30 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.list.pathKey() });
  const setRole = useMutation(
    trpc.user.setRole.mutationOptions({
      onMutate: () => {
        setRoleError(null);
        setDone(null);
      },
      onSuccess: async (user) => {
        const message = roleChangedText(user);
        setRoleOpen(false);
        setDone(message);
        toast.success(message);
        await refresh();
      },
      onError: (error, input) =>
        setRoleError({ userId: input.userId, message: errorInfo(error).message }),
    }),
  );
  const remove = useMutation(
    trpc.user.delete.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          `Deleted ${deleting?.email ?? "the account"}` +
            (result.cancelledReservations > 0
              ? `; ${result.cancelledReservations} reservation(s) cancelled`
              : ""),
        );
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const myId = me.data?.id ?? null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Users"
        description="Promote staff to admins or demote them; a role change signs the person out."
      />
      <p role="status" className="text-sm text-emerald-300">
        {done}
      </p>
      <SearchField
        label="Search users by e-mail or name"
        value={search}
        onChange={setSearch}
        placeholder="Search by e-mail or name"
      />
      {users.isPending ? (
        <div role="status" aria-label="Loading users" className="space-y-1">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : users.isError ? (
        <ErrorAlert error={users.error} title="The users could not be loaded" />
      ) : items.length === 0 ? (
        <EmptyState title={query ? `Nobody matches “${query}”` : "No users yet"} />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-zinc-800">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Users</caption>
            <thead className="bg-zinc-900 text-xs tracking-wide text-zinc-400 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  E-mail
                </th>
                <th scope="col" className="px-3 py-2">
                  Role
                </th>
                <th scope="col" className="px-3 py-2">
                  Joined
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => {
                const admin = user.role === "ADMIN";
                const pending = setRole.isPending && setRole.variables.userId === user.id;
                return (
                  <tr key={user.id} className="border-t border-zinc-800 align-top">
                    <td className="px-3 py-2">
                      {user.name}
                      {user.id === myId && (
                        <span className="ml-1 text-xs text-zinc-400">(you)</span>
                      )}
                    </td>
                    <td className="px-3 py-2">{user.email}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={user.role} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatLocalDate(user.createdAt.slice(0, 10))}
                    </td>
                    <td className="px-3 py-2">
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="secondary"
                          size="sm"
                          loading={pending}
                          onClick={() => {
                            setRole.reset();
                            setChanging({ user, role: admin ? "USER" : "ADMIN" });
                            setRoleOpen(true);
                          }}
                        >
                          {admin ? (
                            <ShieldOff className="size-4" aria-hidden />
                          ) : (
                            <ShieldCheck className="size-4" aria-hidden />
                          )}
                          {admin ? "Demote" : "Make admin"}
                          <span className="sr-only"> {user.email}</span>
                        </Button>
                        {!admin && (
                          <Button
                            variant="secondary"
                            size="sm"
                            loading={pending}
                            onClick={() => {
                              setRole.reset();
                              setChanging({ user, role: user.role === "STAFF" ? "USER" : "STAFF" });
                              setRoleOpen(true);
                            }}
                          >
                            {user.role === "STAFF" ? "Remove from door" : "Make door staff"}
                            <span className="sr-only"> {user.email}</span>
                          </Button>
                        )}
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={user.id === myId}
                          title={
                            user.id === myId ? "You cannot delete your own account here" : undefined
                          }
                          onClick={() => {
                            remove.reset();
                            setDeleting(user);
                          }}
                          aria-label={`Delete ${user.email}`}
                        >
                          <Trash2 className="size-4" aria-hidden />
                        </Button>
                      </div>
                      {roleError?.userId === user.id && (
                        <p role="alert" className="mt-1 text-right text-sm text-rose-300">
                          {roleError.message}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {users.hasNextPage && (
        <Button
          variant="secondary"
          onClick={() => void users.fetchNextPage()}
          loading={users.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
      <ConfirmDialog
        open={roleOpen && changing !== null}
        onOpenChange={setRoleOpen}
        {...(changing
          ? roleChangeText(changing.user, changing.role)
          : { title: "Change role?", confirmLabel: "Change role" })}
        description={
          changing && (
            <>
              {roleChangeText(changing.user, changing.role).description}
              {setRole.isError && (
                <span className="mt-3 block" role="alert">
                  <strong className="text-rose-300">Not changed: </strong>
                  {errorInfo(setRole.error).message}
                </span>
              )}
            </>
          )
        }
        cancelLabel="Cancel"
        variant="primary"
        pending={setRole.isPending}
        onConfirm={() =>
          changing && setRole.mutate({ userId: changing.user.id, role: changing.role })
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.email ?? "this account"}?`}
        description={
          <>
            Their holds and upcoming bookings are cancelled and the seats freed; past bookings stay
            on record without the account.
            {remove.isError && (
              <span className="mt-3 block" role="alert">
                <strong className="text-rose-300">Not deleted: </strong>
                {errorInfo(remove.error).message}
              </span>
            )}
          </>
        }
        confirmLabel="Delete account"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ userId: deleting.id })}
      />
    </div>
  );
}
