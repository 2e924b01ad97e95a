import { expect, it } from "vitest";
import { roleChangedText, roleChangeText } from "./roles";

it("says that a role change signs the person out, before and after", () => {
  const ada = { name: "Ada", email: "ada@example.com" };
  expect(roleChangeText(ada, "ADMIN")).toEqual({
    title: "Make ada@example.com an admin?",
    description:
      "Ada will be signed out on every device and has to sign in again; from then on they have the rights of an admin.",
    confirmLabel: "Make an admin and sign out",
  });
  expect(roleChangeText(ada, "USER").title).toBe("Make ada@example.com a regular user?");
  expect(roleChangedText({ email: ada.email, role: "STAFF" })).toBe(
    "ada@example.com is now door staff and has been signed out.",
  );
});
