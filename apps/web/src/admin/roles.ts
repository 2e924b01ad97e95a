// What the users page says about a role change. The API ends every session of a person
// whose role changes (user.setRole), so the confirmation says so before it happens.
export type Role = "ADMIN" | "STAFF" | "USER";

export const ROLE_PHRASE: Record<Role, string> = {
  ADMIN: "an admin",
  STAFF: "door staff",
  USER: "a regular user",
};

export function roleChangeText(user: { name: string; email: string }, role: Role) {
  return {
    title: `Make ${user.email} ${ROLE_PHRASE[role]}?`,
    description:
      `${user.name} will be signed out on every device and has to sign in again; ` +
      `from then on they have the rights of ${ROLE_PHRASE[role]}.`,
    confirmLabel: `Make ${ROLE_PHRASE[role]} and sign out`,
  };
}

export function roleChangedText(user: { email: string; role: Role }): string {
  return `${user.email} is now ${ROLE_PHRASE[user.role]} and has been signed out.`;
}
