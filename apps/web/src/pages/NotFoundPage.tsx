import { Film } from "lucide-react";
import { usePageTitle } from "../app/title";
import { ButtonLink } from "../ui";

export function NotFoundPage({ title = "Page not found" }: { title?: string }) {
  usePageTitle(title);
  return (
    <section className="mx-auto flex max-w-lg flex-col items-center gap-4 py-20 text-center">
      <Film className="size-12 text-amber-400" aria-hidden />
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="text-zinc-400">
        This reel seems to be missing. The page may have moved, or the link is mistyped.
      </p>
      <ButtonLink to="/">See what&apos;s on</ButtonLink>
    </section>
  );
}
