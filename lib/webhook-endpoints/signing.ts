import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret in the Standard Webhooks format: `whsec_` + base64 of 24 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/**
 * The Standard Webhooks headers for one message (the `standardwebhooks` package signs:
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`). During a rotation both the current and the
 * previous secret sign, space-separated, so a receiver holding either one verifies.
 */
export function signedHeaders(input: { messageId: string; body: string; secrets: string[]; at?: Date }): Record<string, string> {
  const at = input.at ?? new Date();
  const signature = input.secrets.map((s) => new Webhook(s).sign(input.messageId, at, input.body)).join(" ");
  return {
    "webhook-id": input.messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
