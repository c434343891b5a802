/** Time and timers, injected so that connection logic runs the same under test. */
export interface Clock {
  /** Milliseconds of a monotonic clock. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): number;
  clearTimeout(handle: number): void;
}

export const browserClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimeout: (handle) => window.clearTimeout(handle),
};
