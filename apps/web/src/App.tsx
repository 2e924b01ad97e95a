import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc";

export function App() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.queryOptions());

  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-6 px-6">
      <h1 className="text-5xl font-black tracking-tight text-amber-400">Marquee</h1>
      <p className="text-lg text-zinc-300">Your cinema, one seat at a time.</p>
      <p role="status" className="text-sm text-zinc-400">
        {health.isPending && "Connecting to the box office…"}
        {health.isError && "The box office is not answering. Please try again shortly."}
        {health.isSuccess &&
          `Box office open · server time ${new Date(health.data.time).toLocaleString()}`}
      </p>
    </main>
  );
}
