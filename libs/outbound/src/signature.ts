import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * Standard Webhooks signatures with one secret: `v1,` and the base64 HMAC-SHA256, keyed with the
 * secret's bytes, of `id.timestamp.body`. The key is decoded once, not once per request.
 */
export class WebhookSigner {
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64'));
  }

  sign(webhookId: string, timestamp: number, body: string): string {
    const mac = createHmac('sha256', this.key).update(`${webhookId}.${timestamp}.${body}`);

    return `v1,${mac.digest('base64')}`;
  }
}

/** One signature header value; receivers verify it with the official libraries. */
export function signWebhook(secret: string, webhookId: string, timestamp: number, body: string) {
  return new WebhookSigner(secret).sign(webhookId, timestamp, body);
}
