import { Search } from "lucide-react";

/** A search box with a magnifier and a label for screen readers. */
export function SearchField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}) {
  return (
    <label className="relative block max-w-sm">
      <span className="sr-only">{props.label}</span>
      <Search
        className="pointer-events-none absolute top-3 left-3 size-4 text-zinc-400"
        aria-hidden
      />
      <input
        type="search"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        className="h-10 w-full rounded-lg border border-zinc-700 bg-zinc-900 pr-3 pl-9 text-sm focus-visible:outline-2 focus-visible:outline-amber-300"
      />
    </label>
  );
}
