import { DELIVERY_DEFAULTS } from '@sluice/shared';

import { aBatchView, aSendingProgress } from '../../../testing/batch-views';
import { measuredRate, sendingFigures, throughputSeries } from './sending-figures';

describe(sendingFigures.name, () => {
  const endpoint = {
    ...DELIVERY_DEFAULTS,
    url: 'https://crm.example.test/hooks',
    headerNames: [],
    ratePerSecond: 20,
  };

  it('derives every figure from the counts and the samples when the API sends no progress', () => {
    const batch = aBatchView({
      phase: 'sending',
      endpoint,
      counts: { records: 100, parseErrors: 0, succeeded: 38, failed: 2, pending: 60 },
    });

    const figures = sendingFigures(batch, [
      { atMs: 0, finished: 0 },
      { atMs: 2_000, finished: 40 },
    ]);

    expect(figures).toEqual({
      total: 100,
      sent: 38,
      failed: 2,
      pending: 60,
      inFlight: null,
      percent: 40,
      actualRate: 20,
      configuredRate: 20,
      etaSeconds: 3,
    });
  });

  it('prefers the live progress the API sends', () => {
    const batch = {
      ...aBatchView({ phase: 'sending', endpoint }),
      progress: aSendingProgress({
        sent: 70,
        failed: 5,
        total: 100,
        pending: 25,
        inFlight: 4,
        actualRatePerSecond: 19.5,
      }),
    };

    const figures = sendingFigures(batch, []);

    expect(figures).toMatchObject({ sent: 70, failed: 5, pending: 25, inFlight: 4 });
    expect(figures.actualRate).toBe(19.5);
    expect(figures.etaSeconds).toBe(2);
  });

  it('measures the rate itself while the API cannot tell it', () => {
    const batch = {
      ...aBatchView({ phase: 'sending', endpoint }),
      progress: aSendingProgress({ total: 100, sent: 40, pending: 60, actualRatePerSecond: null }),
    };

    const figures = sendingFigures(batch, [
      { atMs: 0, finished: 20 },
      { atMs: 1_000, finished: 40 },
    ]);

    expect(figures).toMatchObject({ actualRate: 20, etaSeconds: 3 });
  });

  it('has no rate or estimate before two samples', () => {
    const batch = aBatchView({ phase: 'sending', endpoint });

    expect(sendingFigures(batch, [{ atMs: 0, finished: 0 }])).toMatchObject({
      actualRate: null,
      etaSeconds: null,
    });
  });
});

describe(measuredRate.name, () => {
  it('measures only over the window', () => {
    const samples = [
      { atMs: 0, finished: 0 },
      { atMs: 20_000, finished: 1_000 },
      { atMs: 25_000, finished: 1_050 },
      { atMs: 30_000, finished: 1_100 },
    ];

    expect(measuredRate(samples, 10_000)).toBe(10);
  });
});

describe(throughputSeries.name, () => {
  it('gives the rate between each pair of samples', () => {
    expect(
      throughputSeries([
        { atMs: 0, finished: 0 },
        { atMs: 1_000, finished: 10 },
        { atMs: 3_000, finished: 50 },
      ]),
    ).toEqual([
      { atMs: 1_000, rate: 10 },
      { atMs: 3_000, rate: 20 },
    ]);
  });
});
