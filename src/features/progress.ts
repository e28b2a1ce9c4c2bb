/**
 * How far a long use case got: `done` of `total` units (rows, recipients). The door that asked shows it
 * (a CLI bar, a job run row); features await it, so a door may store it. Counts only grow and end at total.
 */
export type OnProgress = (done: number, total: number) => void | Promise<void>;
