import { proxyActivities } from '@temporalio/workflow';

/** The design Sluice avoids, for the benchmark: one activity per record. */
export interface NaiveActivities {
  postRecord(input: { batchId: string; seq: number }): Promise<void>;
}

const { postRecord } = proxyActivities<NaiveActivities>({ startToCloseTimeout: '1 minute' });

/** Sends records `fromSeq`..`toSeq`, `concurrency` activities at a time. */
export async function naivePerRecordWorkflow(input: {
  batchId: string;
  fromSeq: number;
  toSeq: number;
  concurrency: number;
}): Promise<void> {
  for (let start = input.fromSeq; start <= input.toSeq; start += input.concurrency) {
    const end = Math.min(start + input.concurrency - 1, input.toSeq);
    const seqs = Array.from({ length: end - start + 1 }, (_, index) => start + index);
    await Promise.all(seqs.map((seq) => postRecord({ batchId: input.batchId, seq })));
  }
}
