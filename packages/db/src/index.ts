export * from "./config";
export * from "./create-db";
export * from "./migrate";
export * from "./password";
export * from "./seed";
export * from "./startup";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
export * from "./generated/prisma/enums";
