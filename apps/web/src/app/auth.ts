import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { toast } from "../ui/toast";
import { useTRPC } from "../trpc";
import { errorInfo } from "../ui/errors";

/** The signed-in user or null; shared by the header, guards and pages. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
}

/** Only same-app paths are followed after sign-in (no "//evil.example" open redirects). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

export function signInPath(next: string): string {
  return next === "/" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`;
}

export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        // Bookings and "MINE" seats were personal: forget them.
        queryClient.removeQueries({ queryKey: trpc.reservation.pathKey() });
        await queryClient.invalidateQueries();
        toast.success("Signed out. See you at the movies!");
        void navigate("/");
      },
      onError: (error) => {
        toast.error(errorInfo(error).message);
      },
    }),
  );
}
