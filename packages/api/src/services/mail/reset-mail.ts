// The password-reset mail: a single-use link, valid for RESET_TOKEN_MINUTES.
import { frame, paragraph, escapeHtml, type RenderedMail } from "./layout";

export function passwordResetMail(input: { link: string; minutes: number }): RenderedMail {
  const lead = `Someone (we hope you) asked to reset the password of this Marquee account. The link works once, for ${input.minutes} minutes.`;
  const ignore = "If you did not ask, ignore this mail: your password stays as it is.";
  return {
    subject: "Reset your Marquee password",
    text: `${lead}\n\n${input.link}\n\n${ignore}\n`,
    html: frame(
      "Reset your password",
      paragraph(lead) +
        `<p><a href="${escapeHtml(input.link)}">Choose a new password</a></p>` +
        paragraph(ignore),
    ),
    attachments: [],
  };
}
