import { ApplicationFailure } from '@temporalio/workflow';

import type { BatchControlState } from '../definitions';
import { validateApproval, validateReparse } from './control-rules';

function stateIn(phase: BatchControlState['phase'], recordCount = 3): BatchControlState {
  return { phase, settings: null, recordCount, passNumber: 1, pauseReason: null };
}

function refusal(run: () => void): { type: string | null | undefined; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplicationFailure) return { type: error.type, message: error.message };
    throw error;
  }
  throw new Error('Not refused');
}

describe('validateReparse', () => {
  it('accepts known reading options while the batch awaits approval', () => {
    expect(() =>
      validateReparse(stateIn('awaiting_approval'), undefined, { encoding: 'windows-1252' }),
    ).not.toThrow();
  });

  it('refuses as a phase conflict while parsing, or once an approval is on its way', () => {
    const approval = { endpointConfigId: 'config-1', settings: {} as never };

    expect(
      refusal(() => validateReparse(stateIn('parsing'), undefined, { delimiter: ';' })),
    ).toEqual({
      type: 'BATCH_PHASE_CONFLICT',
      message: 'Refused because the batch is parsing, not awaiting approval',
    });
    expect(
      refusal(() => validateReparse(stateIn('awaiting_approval'), approval, { delimiter: ';' }))
        .type,
    ).toBe('BATCH_PHASE_CONFLICT');
  });

  it('refuses unknown values as invalid settings', () => {
    const choice = { encoding: 'ebcdic' } as never;

    expect(refusal(() => validateReparse(stateIn('awaiting_approval'), undefined, choice))).toEqual(
      {
        type: 'VALIDATION_FAILED',
        message: 'The reading options are invalid',
      },
    );
  });
});

describe('validateApproval', () => {
  it('refuses a batch that a re-read left with no records', () => {
    const input = { endpointConfigId: 'config-1', settings: {} as never };

    expect(
      refusal(() => validateApproval(stateIn('awaiting_approval', 0), undefined, input)),
    ).toEqual({
      type: 'BATCH_PHASE_CONFLICT',
      message: 'Refused because the batch has no records to send',
    });
  });
});
