import { CounterFloor } from './counter-floor';

const batch = {
  phase: 'sending' as const,
  bytesParsed: 100,
  recordCount: 10,
  parseErrorCount: 0,
  succeededCount: 4,
  failedCount: 1,
};

describe(CounterFloor.name, () => {
  it('passes counters that grow through unchanged', () => {
    const floor = new CounterFloor();
    floor.apply(batch);

    expect(floor.apply({ ...batch, succeededCount: 6 })).toEqual({ ...batch, succeededCount: 6 });
  });

  it('holds a counter at the highest value seen when a read returns less', () => {
    const floor = new CounterFloor();
    floor.apply({ ...batch, phase: 'parsing', recordCount: 500, bytesParsed: 9_000 });

    const next = floor.apply({ ...batch, phase: 'parsing', recordCount: 400, bytesParsed: 8_000 });

    expect(next).toMatchObject({ recordCount: 500, bytesParsed: 9_000 });
  });

  it('lets counters drop when a new pass starts after the batch ended', () => {
    const floor = new CounterFloor();
    floor.apply({ ...batch, phase: 'completed_with_failures', succeededCount: 8, failedCount: 2 });

    const next = floor.apply({ ...batch, succeededCount: 8, failedCount: 0 });

    expect(next.failedCount).toBe(0);
  });

  it('leaves the original row untouched', () => {
    const floor = new CounterFloor();
    const row = { ...batch };
    floor.apply({ ...batch, succeededCount: 9 });

    floor.apply(row);

    expect(row.succeededCount).toBe(4);
  });
});
