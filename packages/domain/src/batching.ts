// Which calls may share one HTTP request. Batching saves round trips for reads; it must not
// multiply work past what one request should cost, nor let a throttled call ride along
// hundreds of times under one rate-limit check.

/** Most calls in one batched request (the web client's batch link uses the same number). */
export const MAX_BATCH_SIZE = 10;

/** Calls that must each come in a request of their own: the throttled ones. */
export const SOLO_PROCEDURES: readonly string[] = [
  "auth.register",
  "auth.login",
  "auth.createToken",
  "auth.changePassword",
  "auth.updateProfile",
  "auth.deleteAccount",
  "auth.requestPasswordReset",
  "auth.resetPassword",
  "reservation.byCode",
];

/** Whether a call must travel alone (the web client sends these without batching). */
export const mustTravelAlone = (path: string) => SOLO_PROCEDURES.includes(path);

/** Why a batch of these procedure paths is refused, or null when it is fine. */
export function batchRefusal(paths: readonly string[]): string | null {
  if (paths.length <= 1) return null;
  if (paths.length > MAX_BATCH_SIZE) {
    return `A request may batch at most ${MAX_BATCH_SIZE} calls; send the rest separately`;
  }
  const solo = paths.find(mustTravelAlone);
  return solo ? `${solo} cannot be batched with other calls; send it on its own` : null;
}
