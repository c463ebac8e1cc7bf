import { Webhook } from 'standardwebhooks';

import { generateWebhookSecret, signWebhook } from './signature';

describe('signWebhook', () => {
  it('produces a signature the official Standard Webhooks library accepts', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ id: '1', email: 'ann@example.test' });
    const timestamp = Math.floor(Date.now() / 1_000);
    const headers = {
      'webhook-id': 'msg_2b8c',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, 'msg_2b8c', timestamp, body),
    };

    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification when the body changed', () => {
    const secret = generateWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1_000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, 'msg_1', timestamp, '{"a":1}'),
    };

    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
  });
});
