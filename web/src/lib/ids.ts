/** An Idempotency-Key for one user action: the same key on a retry of that action, a new one for the next. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
