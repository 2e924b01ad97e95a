import { fileURLToPath } from "node:url";

// Resolved relative to this module: the source layout. The server's bundle does not read
// these; it carries its migrations inside (see migration-source.ts).
export const prismaDir = fileURLToPath(new URL("../prisma/", import.meta.url));
export const schemaPath = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
export const migrationsDir = fileURLToPath(new URL("../prisma/migrations/", import.meta.url));
