import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';

/** What each subscriber saw: [receivedAtMs, sent + failed] per progress or completion event. */
export type SeenCounts = [number, number][][];

const READY_TIMEOUT_MS = 60_000;
/**
 * The subscribers stand in for browsers on other machines, so they take only CPU the servers
 * leave over; any delay that adds to their handling of an event still counts as latency.
 */
const SUBSCRIBER_NICENESS = 10;
const REPORT_TIMEOUT_MS = 30_000;

/** The benchmark's subscribers, in a child process with an event loop of their own. */
export class SubscriberProcess {
  private readonly ready: Promise<unknown>;
  private readonly samples: Promise<unknown>;

  private constructor(private readonly child: ChildProcess) {
    // Both are awaited from the start: the samples may come before the caller asks for them.
    this.ready = this.next('ready');
    this.samples = this.next('samples');
    this.ready.catch(() => undefined);
    this.samples.catch(() => undefined);
  }

  static async start(url: string, token: string, batchId: string, count: number) {
    const script = join(__dirname, 'subscribers.mjs');
    const child = fork(script, [url, token, batchId, String(count)], { stdio: 'inherit' });
    if (child.pid !== undefined) setPriority(child.pid, SUBSCRIBER_NICENESS);
    const subscribers = new SubscriberProcess(child);
    await subscribers.within(subscribers.ready, READY_TIMEOUT_MS, 'ready');

    return subscribers;
  }

  /**
   * The samples, once every subscriber saw the completion (or after a bounded wait), and the
   * CPU seconds the process used from its readiness to then.
   */
  async finish(): Promise<{ seen: SeenCounts; cpuSeconds: number }> {
    const nudge = setTimeout(() => this.child.send({ type: 'finish' }), REPORT_TIMEOUT_MS / 2);
    try {
      const report = await this.within(this.samples, REPORT_TIMEOUT_MS, 'samples');
      return report as { seen: SeenCounts; cpuSeconds: number };
    } finally {
      clearTimeout(nudge);
    }
  }

  private async within(message: Promise<unknown>, timeoutMs: number, type: string) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`Subscribers sent no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([message, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private next(type: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', (code) => reject(new Error(`Subscribers exited with ${code}`)));
    });
  }
}
