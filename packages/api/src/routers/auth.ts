import { z } from "zod";
import { changePassword } from "../services/auth/change-password";
import { registerUser } from "../services/auth/register-user";
import { requestPasswordReset } from "../services/auth/request-password-reset";
import { resetPassword } from "../services/auth/reset-password";
import { signIn } from "../services/auth/sign-in";
import { invalidateSession } from "../services/auth/session";
import { updateProfile } from "../services/auth/update-profile";
import { deleteOwnAccount } from "../services/user/delete-own-account";
import { restOutput } from "../openapi";
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

export const ZRequestPasswordResetInput = z.object({ email: z.string().trim().pipe(ZEmail) });
export const ZResetPasswordInput = z.object({
  token: plainText(
    z
      .string()
      .trim()
      .min(16, { error: "This reset link is incomplete; copy the whole link from the mail" })
      .max(200, { error: "This reset link is not valid" }),
  ),
  password: ZPassword,
});
export const ZUpdateProfileInput = z.object({
  name: ZRegisterInput.shape.name,
  email: ZRegisterInput.shape.email,
  /** Required when the e-mail changes. */
  currentPassword: plainText(z.string().max(128)).optional(),
});
export const ZDeleteAccountInput = z.object({
  password: plainText(z.string().min(1, { error: "Enter your password" }).max(128)),
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
  createToken: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/token",
        tags: ["auth"],
        summary: "Get a bearer token",
      },
    })
    .input(ZLoginInput)
    .output(
      restOutput<{
        user: Awaited<ReturnType<typeof signIn>>["user"];
        token: string;
        expiresAt: string;
      }>("A bearer token for the Authorization header, and when it expires"),
    )
    .mutation(async ({ ctx, input }) => {
      const { user, token, session } = await signIn(ctx, input);
      return { user, token, expiresAt: session.expiresAt.toISOString() };
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) {
      await invalidateSession(ctx.db, ctx.session.id);
      // Other processes hear of it from the database; this one knows now.
      ctx.sessions.invalidate(`session:${ctx.session.id}`);
    }
    ctx.transport.clearSession();
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** Always the same answer, whether or not the account exists; throttled. */
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input)),

  /** Sets a new password with a mailed token and ends every session of the account. */
  resetPassword: publicProcedure
    .input(ZResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, input)),

  changePassword: protectedProcedure
    .input(ZChangePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),

  updateProfile: protectedProcedure
    .input(ZUpdateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx, input)),

  /** The account goes with its sessions; the cookie is cleared. */
  deleteAccount: protectedProcedure.input(ZDeleteAccountInput).mutation(async ({ ctx, input }) => {
    const result = await deleteOwnAccount(ctx, input);
    ctx.transport.clearSession();
    return result;
  }),
});
