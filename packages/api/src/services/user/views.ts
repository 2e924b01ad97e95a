// The account shape admins see: never a password or session hash.
import { type Prisma } from "@marquee/db";
import { type Role } from "../../context";

export const userListSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
} as const;

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
};

export type UserRow = Prisma.UserGetPayload<{ select: typeof userListSelect }>;
export const toSummary = (u: UserRow): UserSummary => ({
  ...u,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});
