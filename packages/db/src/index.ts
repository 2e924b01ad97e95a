export * from "./config";
export * from "./create-db";
export * from "./migrate";
export * from "./password";
export { POOL_QUEUE_FULL, PoolQueueFullError } from "./pool";
export * from "./seed";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
export * from "./generated/prisma/enums";
