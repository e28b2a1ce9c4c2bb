/**
 * Takes turns on the event loop: each caller of `next()` resumes on its own later loop iteration, one
 * after another. Received messages run their (synchronous, CPU-bound) transaction one per turn, so
 * the HTTP requests that arrive meanwhile are read and acknowledged between two messages instead of
 * after all the messages that arrived together.
 */
export function createTurns() {
  let tail: Promise<void> = Promise.resolve();
  return {
    next(): Promise<void> {
      // setImmediate from inside the check phase runs on the next iteration, after the poll phase.
      const turn = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
      tail = turn;
      return turn;
    },
  };
}
