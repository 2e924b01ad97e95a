// Each page names itself in the tab and in the history ("Bramble & Fox, Tue 24 Nov 20:15 ·
// Marquee"), so screen-reader users hear where a navigation landed.
import { type ReactNode, useEffect } from "react";

export const SITE_NAME = "Marquee";

export function pageTitle(title: string | null): string {
  return title ? `${title} · ${SITE_NAME}` : SITE_NAME;
}

/** Sets the document title while the page is shown; null keeps the previous one (loading). */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = pageTitle(title);
  }, [title]);
}

/** For routes whose title does not depend on data. */
export function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return children;
}
