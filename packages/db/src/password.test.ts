import { expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

it("hashes with argon2id at OWASP's parameters and verifies", async () => {
  const hash = await hashPassword("correct horse battery staple");
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
  expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
});

it("salts every hash and never verifies a malformed one", async () => {
  expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  expect(await verifyPassword("", "")).toBe(false);
});
