// The server's router types that scripts/router-types.ts spells out (never published).
import type { AppRouter as ServerRouter } from "@marquee/api";

export type Record = ServerRouter["_def"]["record"];
export type ErrorShape = ServerRouter["_def"]["_config"]["$types"]["errorShape"];
