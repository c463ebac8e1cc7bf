/** Runs tasks one after another, so a periodic read and a subscriber joining never interleave. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The caller sees the failure; the queue only needs to know the task is over.
    this.tail = result.catch(() => undefined);

    return result;
  }
}
