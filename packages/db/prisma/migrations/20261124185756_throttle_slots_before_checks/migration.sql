-- Throttle counters are ephemeral (at most an hour old) and their kinds change meaning:
-- start them afresh rather than translate old kinds. (The runner wraps each migration in
-- one transaction.)
DELETE FROM "AuthAttempt";
CREATE TYPE "AuthAttemptKind_new" AS ENUM ('SIGN_IN_PAIR', 'SIGN_IN_ACCOUNT', 'SIGN_IN_ADDRESS', 'REGISTRATION', 'CODE_LOOKUP');
ALTER TABLE "AuthAttempt" ALTER COLUMN "kind" TYPE "AuthAttemptKind_new" USING ("kind"::text::"AuthAttemptKind_new");
ALTER TYPE "AuthAttemptKind" RENAME TO "AuthAttemptKind_old";
ALTER TYPE "AuthAttemptKind_new" RENAME TO "AuthAttemptKind";
DROP TYPE "public"."AuthAttemptKind_old";
