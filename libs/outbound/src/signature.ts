import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks signature header value: `v1,` and the base64 HMAC-SHA256, keyed with
 * the secret's bytes, of `id.timestamp.body`. Receivers verify it with the official libraries.
 */
export function signWebhook(secret: string, webhookId: string, timestamp: number, body: string) {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const mac = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`);

  return `v1,${mac.digest('base64')}`;
}
