import { setTimeout as sleep } from 'node:timers/promises';

import { cutOffDatabase, type DatabaseOutage } from '../../../tools/testing/postgres-outage';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import {
  recreateDatabase,
  TemporalDevServer,
  TEST_ENV,
} from '../../../tools/testing/test-services';

/** Long enough for a probe to time out (2 s) a few times, or a client to reconnect. */
const PROBES_SETTLE_MS = 30_000;

interface ReadyAnswer {
  status: number;
  body: unknown;
}

/** What the API and the worker answer on `/health/ready`, asked at the same moment. */
async function readinessOf(stack: SluiceStack): Promise<{ api: ReadyAnswer; worker: ReadyAnswer }> {
  const ask = async (url: string | undefined): Promise<ReadyAnswer> => {
    const response = await fetch(`${url}/health/ready`);
    return { status: response.status, body: await response.json() };
  };
  const [api, worker] = await Promise.all([ask(stack.apiUrl), ask(stack.workerUrl)]);

  return { api, worker };
}

/**
 * Asks both probes until each answers `ready` (or each does not); returns those answers. Fails
 * with the last answers when they have not turned within `PROBES_SETTLE_MS`.
 */
async function waitForBoth(stack: SluiceStack, ready: boolean) {
  const deadline = Date.now() + PROBES_SETTLE_MS;
  for (;;) {
    const answers = await readinessOf(stack);
    const turned = [answers.api, answers.worker].every(({ status }) => (status === 200) === ready);
    if (turned) return answers;
    if (Date.now() > deadline) {
      throw new Error(`Probes did not turn ready=${ready}: ${JSON.stringify(answers)}`);
    }
    await sleep(250);
  }
}

/** What either probe answers when its checks come out as given. */
function answer(postgres: 'up' | 'down', temporal: 'up' | 'down'): ReadyAnswer {
  const isReady = postgres === 'up' && temporal === 'up';
  return {
    status: isReady ? 200 : 503,
    body: { status: isReady ? 'ok' : 'unavailable', checks: { postgres, temporal } },
  };
}

describe('readiness of the API and the worker', () => {
  it('is unready while the Temporal server is down, and ready once it is back', async () => {
    // A server of its own: stopping the run's shared one would fail other test files.
    const server = await TemporalDevServer.start(process.env['TEMPORAL_CLI_PATH'] as string);
    const stack = await startSluiceStack({ temporalAddress: server.address });
    try {
      const before = await waitForBoth(stack, true);
      await server.stop();
      const down = await waitForBoth(stack, false);
      await server.startAgain();
      const back = await waitForBoth(stack, true);

      expect(before).toEqual({ api: answer('up', 'up'), worker: answer('up', 'up') });
      expect(down).toEqual({ api: answer('up', 'down'), worker: answer('up', 'down') });
      expect(back).toEqual(before);
    } finally {
      await stack.stop();
      await server.stop();
    }
  });

  it('is unready while PostgreSQL refuses sessions, and ready once it accepts them', async () => {
    // A database of its own: cutting off the run's shared one would fail other test files.
    const url = new URL(process.env[TEST_ENV.databaseUrl] as string);
    url.pathname = `${url.pathname}_readiness`;
    await recreateDatabase(url.toString());
    const stack = await startSluiceStack({ databaseUrl: url.toString() });
    let outage: DatabaseOutage | undefined;
    try {
      const before = await waitForBoth(stack, true);
      outage = await cutOffDatabase(url.toString());
      const down = await waitForBoth(stack, false);
      await outage.restore();
      const back = await waitForBoth(stack, true);

      expect(before).toEqual({ api: answer('up', 'up'), worker: answer('up', 'up') });
      expect(down).toEqual({ api: answer('down', 'up'), worker: answer('down', 'up') });
      expect(back).toEqual(before);
    } finally {
      await outage?.restore();
      await stack.stop();
    }
  });
});
