import { DELIVERY_DEFAULTS } from './endpoint-config';
import { validateDeliverySettings, validateEndpointConfig } from './endpoint-config-validation';

const fields = (input: unknown) => validateEndpointConfig(input).issues.map((issue) => issue.field);

describe('validateEndpointConfig', () => {
  it('fills in defaults for everything but the URL', () => {
    const { value } = validateEndpointConfig({ url: 'https://crm.example.test/hooks' });

    expect(value).toEqual({
      url: 'https://crm.example.test/hooks',
      headers: {},
      ...DELIVERY_DEFAULTS,
    });
  });

  it('requires an absolute http or https URL', () => {
    expect(fields({})).toEqual(['url']);
    expect(fields({ url: '/relative' })).toEqual(['url']);
    expect(fields({ url: 'ftp://files.example.test' })).toEqual(['url']);
  });

  it('refuses credentials in the URL, pointing to headers instead', () => {
    const { issues } = validateEndpointConfig({ url: 'https://user:pw@crm.example.test' });

    expect(issues).toEqual([
      { field: 'url', message: 'Must not contain credentials; use a header' },
    ]);
  });

  it('names each bad header by its path', () => {
    const result = fields({
      url: 'https://crm.example.test',
      headers: {
        'bad name': 'x',
        'Content-Type': 'text/plain',
        'X-Ok': 'fine',
        'X-Split': 'a\r\nb',
      },
    });

    expect(result).toEqual(['headers.bad name', 'headers.Content-Type', 'headers.X-Split']);
  });

  it('refuses headers Sluice signs with', () => {
    expect(fields({ url: 'https://crm.example.test', headers: { 'Webhook-Id': 'x' } })).toEqual([
      'headers.Webhook-Id',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(fields([])).toEqual(['']);
    expect(fields(null)).toEqual(['']);
  });
});

describe('validateDeliverySettings', () => {
  it('checks every bound and reports every field at once', () => {
    const { issues } = validateDeliverySettings({
      ratePerSecond: 0,
      concurrency: 1.5,
      recordsPerRequest: 1_001,
      timeoutMs: '1000',
      maxAttempts: 0,
    });

    expect(issues.map((issue) => issue.field)).toEqual([
      'ratePerSecond',
      'concurrency',
      'recordsPerRequest',
      'timeoutMs',
      'maxAttempts',
    ]);
  });

  it('accepts fractional rates down to one request every ten seconds', () => {
    expect(validateDeliverySettings({ ratePerSecond: 0.1 }).value?.ratePerSecond).toBe(0.1);
  });

  it('keeps a base config for fields that are not given', () => {
    const base = { ...DELIVERY_DEFAULTS, concurrency: 3 };

    expect(validateDeliverySettings({ ratePerSecond: 20 }, base).value).toEqual({
      ...base,
      ratePerSecond: 20,
    });
  });
});
