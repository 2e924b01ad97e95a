// "Today" in the cinema's time zone (CINEMA_TIMEZONE), as the server sees it: never the
// browser's zone or clock.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

export function useCinemaToday(): { today: string | null; isError: boolean } {
  const trpc = useTRPC();
  const info = useQuery({ ...trpc.cinema.info.queryOptions(), staleTime: 60_000 });
  if (info.isError) return { today: null, isError: true };
  return { today: info.data?.today ?? null, isError: false };
}
