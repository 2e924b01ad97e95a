import { Film } from "lucide-react";
import { useState } from "react";
import { cx } from "../ui";

function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

/** A film's poster, or a gradient generated from its title when it has none (or it fails). */
export function Poster({
  title,
  posterUrl,
  className,
}: {
  title: string;
  posterUrl: string | null;
  className?: string;
}) {
  const [failed, setFailed] = useState(false);
  const classes = cx("aspect-[2/3] overflow-hidden rounded-xl bg-zinc-800", className);
  if (posterUrl && !failed) {
    return (
      <img
        src={posterUrl}
        alt={`Poster of ${title}`}
        loading="lazy"
        onError={() => setFailed(true)}
        className={cx(classes, "object-cover")}
      />
    );
  }
  const hue = hueOf(title);
  return (
    <div
      role="img"
      aria-label={`Poster of ${title}`}
      className={cx(classes, "relative flex flex-col justify-end p-3")}
      style={{
        background: `linear-gradient(150deg, hsl(${hue} 70% 38%), hsl(${(hue + 50) % 360} 60% 16%) 70%, #09090b)`,
      }}
    >
      <Film className="absolute top-3 right-3 size-5 text-white/40" aria-hidden />
      <span className="line-clamp-3 text-lg leading-tight font-black text-white/90 drop-shadow">
        {title}
      </span>
    </div>
  );
}
