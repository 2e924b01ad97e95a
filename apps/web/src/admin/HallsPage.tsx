import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Trash2, X } from "lucide-react";
import { type FormEvent, useState } from "react";
import { toast } from "../ui/toast";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@marquee/api";
import { validateLayout } from "@marquee/domain";
import { useTRPC } from "../trpc";
import { Button, ConfirmDialog, errorInfo, Skeleton, TextField } from "../ui";
import { Card, EmptyState, ErrorAlert, fieldMessages, PageHeader, shownAtField } from "./kit";
import { LayoutEditor } from "./LayoutEditor";

type Hall = inferRouterOutputs<AppRouter>["hall"]["list"][number];
type Editing = { mode: "create" } | { mode: "edit"; hall: Hall } | null;

const STARTER_LAYOUT = [
  "SSSS_SSSSSS_SSSS",
  "SSSS_SSSSSS_SSSS",
  "SSSS_PPPPPP_SSSS",
  "WCSS_PPPPPP_SSCW",
];

export function HallsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const halls = useQuery(trpc.hall.list.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Hall | null>(null);
  const remove = useMutation(
    trpc.hall.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted ${deleting?.name ?? "the hall"}`);
        if (editing?.mode === "edit" && editing.hall.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.hall.pathKey() });
      },
    }),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Halls"
        description="Each hall's seat layout; guests pick seats on the map drawn from it."
        actions={
          <Button onClick={() => setEditing({ mode: "create" })}>
            <Plus className="size-4" aria-hidden />
            New hall
          </Button>
        }
      />
      {halls.isPending ? (
        <div role="status" aria-label="Loading halls" className="grid gap-3 sm:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      ) : halls.isError ? (
        <ErrorAlert error={halls.error} title="The halls could not be loaded" />
      ) : halls.data.length === 0 ? (
        <EmptyState title="No halls yet">Create one to start scheduling showtimes.</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          {halls.data.map((hall) => (
            <li
              key={hall.id}
              className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900/60 p-4"
            >
              <p className="font-semibold">{hall.name}</p>
              <p className="text-sm text-zinc-400">
                {hall.capacity} seats · {hall.layout.length} rows
                {hall.seatsByKind.PREMIUM > 0 && ` · ${hall.seatsByKind.PREMIUM} premium`}
                {hall.seatsByKind.WHEELCHAIR > 0 && ` · ${hall.seatsByKind.WHEELCHAIR} wheelchair`}
              </p>
              <div className="mt-auto flex gap-2">
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => setEditing({ mode: "edit", hall })}
                  aria-label={`Edit ${hall.name}`}
                >
                  <Pencil className="size-4" aria-hidden /> Edit
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    remove.reset();
                    setDeleting(hall);
                  }}
                  aria-label={`Delete ${hall.name}`}
                >
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <HallEditor
          key={editing.mode === "edit" ? editing.hall.id : "new"}
          hall={editing.mode === "edit" ? editing.hall : null}
          onDone={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.name ?? "this hall"}?`}
        description={
          <>
            Its seats and past showtimes without bookings go with it.
            {remove.isError && (
              <span className="mt-3 block" role="alert">
                <strong className="text-rose-300">Not deleted: </strong>
                {errorInfo(remove.error).message}
              </span>
            )}
          </>
        }
        confirmLabel="Delete hall"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}

function HallEditor({ hall, onDone }: { hall: Hall | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(hall?.name ?? "");
  const [layout, setLayout] = useState<string[]>(hall?.layout ?? STARTER_LAYOUT);
  const onSuccess = async (saved: { name: string }) => {
    toast.success(hall ? `Saved ${saved.name}` : `Created ${saved.name}`);
    await queryClient.invalidateQueries({ queryKey: trpc.hall.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.showtime.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.hall.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.hall.update.mutationOptions({ onSuccess }));
  const mutation = hall ? update : create;
  const info = mutation.error ? errorInfo(mutation.error) : null;
  const valid = validateLayout(layout).length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    if (hall) {
      const layoutChanged = layout.join("\n") !== hall.layout.join("\n");
      // Only send the layout when it changed: a layout change is refused while upcoming
      // showtimes have bookings, a rename never is.
      update.mutate({ id: hall.id, name, ...(layoutChanged ? { layout } : {}) });
    } else {
      create.mutate({ name, layout });
    }
  }

  return (
    <Card>
      <form
        onSubmit={submit}
        className="space-y-5"
        aria-label={hall ? `Edit ${hall.name}` : "New hall"}
      >
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-bold">{hall ? `Edit ${hall.name}` : "New hall"}</h2>
          <Button variant="ghost" size="sm" onClick={onDone} aria-label="Close the editor">
            <X className="size-4" aria-hidden />
          </Button>
        </div>
        {info && !shownAtField(info, ["name", "layout"]) && (
          <ErrorAlert error={mutation.error} title="Not saved" />
        )}
        <TextField
          label="Name"
          className="max-w-sm"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldMessages(info, "name")}
          required
        />
        <LayoutEditor
          layout={layout}
          onChange={setLayout}
          serverErrors={fieldMessages(info, "layout")}
        />
        <div className="flex items-center justify-end gap-3">
          {!valid && <p className="text-sm text-rose-300">Fix the layout to save.</p>}
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!valid}>
            {hall ? "Save hall" : "Create hall"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
