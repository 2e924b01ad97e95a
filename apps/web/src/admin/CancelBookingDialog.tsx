import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "../ui/toast";
import { useTRPC } from "../trpc";
import { Button, Dialog, errorInfo } from "../ui";
import { TextAreaField } from "./kit";

/** Cancels a booking for the guest; the reason goes into the mail they receive. */
export function CancelBookingDialog({
  booking,
  onClose,
}: {
  booking: { id: string; code: string; guest: string | null } | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const cancel = useMutation(
    trpc.reservation.cancel.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`Booking ${r.code} cancelled; the guest is told by mail`);
        setReason("");
        onClose();
        await queryClient.invalidateQueries({ queryKey: trpc.reservation.list.queryKey() });
      },
    }),
  );
  const error = cancel.error ? errorInfo(cancel.error) : null;
  return (
    <Dialog
      open={booking !== null}
      onOpenChange={(open) => {
        if (!open) {
          cancel.reset();
          onClose();
        }
      }}
      title={`Cancel booking ${booking?.code ?? ""}`}
      description={
        booking?.guest
          ? `The guest (${booking.guest}) gets a mail with your reason.`
          : "Nobody is told: the account was deleted."
      }
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Keep it
          </Button>
          <Button
            variant="danger"
            loading={cancel.isPending}
            onClick={() =>
              booking &&
              cancel.mutate({ reservationId: booking.id, reason: reason.trim() || undefined })
            }
          >
            Cancel booking
          </Button>
        </>
      }
    >
      <TextAreaField
        label="Reason (told to the guest)"
        value={reason}
        maxLength={500}
        rows={3}
        onChange={(e) => setReason(e.target.value)}
        error={error ? [error.message] : null}
      />
    </Dialog>
  );
}
