import { Writable } from 'node:stream';

import { createWorkerLogger } from './worker-logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  return { lines, destination };
}

describe('createWorkerLogger', () => {
  it('masks credentials, headers and record fields wherever they appear', () => {
    const { lines, destination } = capture();
    const logger = createWorkerLogger({ logLevel: 'info', logFormat: 'json' }, destination);

    logger.info(
      {
        endpoint: { headers: { authorization: 'Bearer partner-secret' }, secret: 'whsec_abc' },
        record: { fields: ['ann@example.test'], payload: '{"email":"ann@example.test"}' },
        request: { authorization: 'Bearer api-token' },
      },
      'Attempt failed',
    );

    const line = lines.join('');
    expect(line).toContain('Attempt failed');
    expect(line).toContain('"service":"worker"');
    expect(line).not.toMatch(/partner-secret|whsec_abc|ann@example\.test|api-token/);
  });

  it('masks the bound values of a failed query that an activity failure carries', () => {
    const { lines, destination } = capture();
    const logger = createWorkerLogger({ logLevel: 'info', logFormat: 'json' }, destination);
    const error = Object.assign(new Error('Connection terminated unexpectedly'), {
      query: 'INSERT INTO records (batch_id, seq, fields) VALUES ($1, $2, $3)',
      parameters: ['b1', 1, ['ann@example.test', 'Lyon']],
    });

    logger.warn({ activityType: 'parseBatchFile', error }, 'Activity failed');

    const line = lines.join('');
    expect(line).toContain('INSERT INTO records');
    expect(line).not.toContain('ann@example.test');
  });
});
