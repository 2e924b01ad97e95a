import { fileURLToPath } from "node:url";

// Resolved relative to this module. The server's bundle keeps the same relative layout
// (dist/server/main.js next to dist/prisma), so these work from source and from the build.
export const prismaDir = fileURLToPath(new URL("../prisma/", import.meta.url));
export const schemaPath = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
export const migrationsDir = fileURLToPath(new URL("../prisma/migrations/", import.meta.url));
