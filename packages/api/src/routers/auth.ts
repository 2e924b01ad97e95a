import { z } from "zod";
import { changePassword } from "../services/auth/change-password";
import { registerUser } from "../services/auth/register-user";
import { signIn } from "../services/auth/sign-in";
import { invalidateSession } from "../services/auth/session";
import { protectedProcedure, publicProcedure, router } from "../trpc";
import { plainText } from "./schemas";

export const ZEmail = z
  .email({ error: "Enter a valid e-mail address" })
  .max(254, { error: "E-mail address is too long" })
  .transform((v) => v.toLowerCase());
// OWASP: at least 8 characters, allow long passphrases; the cap keeps hashing bounded.
export const ZPassword = plainText(
  z
    .string()
    .min(8, { error: "Use at least 8 characters" })
    .max(128, { error: "Use at most 128 characters" }),
);

export const ZRegisterInput = z.object({
  email: z.string().trim().pipe(ZEmail),
  name: plainText(
    z.string().trim().min(1, { error: "Enter your name" }).max(100, { error: "Name is too long" }),
  ),
  password: ZPassword,
});
export const ZLoginInput = z.object({
  email: z.string().trim().pipe(ZEmail),
  password: plainText(z.string().min(1, { error: "Enter your password" }).max(128)),
});
export const ZChangePasswordInput = z.object({
  currentPassword: plainText(z.string().min(1, { error: "Enter your current password" }).max(128)),
  newPassword: ZPassword,
});

export const authRouter = router({
  register: publicProcedure.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    const { user, token, session } = await registerUser(ctx, input);
    ctx.transport.setSession(token, session.expiresAt);
    return { user };
  }),

  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const { user, token, session } = await signIn(ctx, input);
    ctx.transport.setSession(token, session.expiresAt);
    return { user };
  }),

  /** For scripts and other non-browser clients: returns a bearer token, sets no cookie. */
  createToken: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const { user, token, session } = await signIn(ctx, input);
    return { user, token, expiresAt: session.expiresAt.toISOString() };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await invalidateSession(ctx.db, ctx.session.id);
    ctx.transport.clearSession();
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.user),

  changePassword: protectedProcedure
    .input(ZChangePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
});
