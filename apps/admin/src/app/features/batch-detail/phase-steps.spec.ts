import { phaseSteps } from './phase-steps';

const parsed = { parsedAt: '2026-03-02T10:00:00Z', approvedAt: null };
const approved = { parsedAt: '2026-03-02T10:00:00Z', approvedAt: '2026-03-02T10:05:00Z' };

describe(phaseSteps.name, () => {
  it('marks the steps before the current one as done', () => {
    const steps = phaseSteps({ phase: 'sending', ...approved });

    expect(steps.map((step) => step.state)).toEqual(['done', 'done', 'current', 'upcoming']);
    expect(steps.map((step) => step.isCurrent)).toEqual([false, false, true, false]);
  });

  it('says the batch is paused on the Send step', () => {
    expect(phaseSteps({ phase: 'paused', ...approved })[2]).toMatchObject({
      state: 'current',
      caption: 'Paused',
    });
  });

  it('completes every step when the batch completed, noting failures on Done', () => {
    const steps = phaseSteps({ phase: 'completed_with_failures', ...approved });

    expect(steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(steps[3]).toMatchObject({ isCurrent: true, caption: 'With failures' });
  });

  it('shows a batch discarded in review as stopped there', () => {
    const steps = phaseSteps({ phase: 'cancelled', ...parsed });

    expect(steps.map((step) => step.state)).toEqual(['done', 'stopped', 'upcoming', 'stopped']);
    expect(steps[3].caption).toBe('Cancelled');
  });

  it('shows a file that could not be parsed as failed at Parse', () => {
    const steps = phaseSteps({ phase: 'failed', parsedAt: null, approvedAt: null });

    expect(steps.map((step) => step.state)).toEqual(['stopped', 'upcoming', 'upcoming', 'stopped']);
  });
});
