/**
 * Reconnect delays: exponential from `initialMs`, capped at `maxMs`, each spread by ±`jitter` so
 * that many dashboards do not reconnect in lockstep after a server restart.
 */
export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  readonly multiplier?: number;
  /** The relative spread: 0.2 gives delays in [0.8, 1.2] × the nominal delay. */
  readonly jitter?: number;
  /** A uniform random number in [0, 1). */
  readonly random?: () => number;
}

export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly multiplier: number;
  readonly jitter: number;
  private readonly random: () => number;
  private failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 10_000;
    this.multiplier = options.multiplier ?? 2;
    this.jitter = options.jitter ?? 0.2;
    this.random = options.random ?? Math.random;
  }

  /** How many delays were handed out since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** The nominal (unjittered) delay of the `attempt`-th retry, 0-based. */
  nominalDelay(attempt: number): number {
    return Math.min(this.maxMs, this.initialMs * Math.pow(this.multiplier, attempt));
  }

  /** The delay before the next retry, in milliseconds. */
  next(): number {
    const nominal = this.nominalDelay(this.failures);
    this.failures++;
    const r = Math.min(1, Math.max(0, this.random()));
    return Math.round(nominal * (1 + this.jitter * (2 * r - 1)));
  }

  /** A connection worked: the next failure starts from `initialMs` again. */
  reset(): void {
    this.failures = 0;
  }
}
