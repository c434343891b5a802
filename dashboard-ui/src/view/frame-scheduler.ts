/**
 * Coalesces render requests: however many arrive between two animation frames, the render
 * function runs once, in the next frame. Streaming data can ask for a frame within a delay (the
 * page's next beat) instead: the page then renders ten times a second under a busy feed, not in
 * every frame, while what the user does is still drawn in the next frame.
 */
export type FrameRequester = (callback: () => void) => void;
/** Runs the callback after a delay (window.setTimeout). */
export type DelayRequester = (callback: () => void, delayMs: number) => void;

export class FrameScheduler {
  private pending = false;
  private delayed = false;

  constructor(
    private readonly render: () => void,
    private readonly requestFrame: FrameRequester = (callback) => {
      window.requestAnimationFrame(() => callback());
    },
    private readonly requestDelay: DelayRequester = (callback, delayMs) => {
      window.setTimeout(callback, delayMs);
    },
  ) {}

  /** A render in the next frame. */
  schedule(): void {
    if (this.pending) {
      return;
    }
    this.pending = true;
    this.requestFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  /** A render in the first frame after `delayMs` (at once when not positive), unless one comes sooner. */
  scheduleWithin(delayMs: number): void {
    if (delayMs <= 0) {
      this.schedule();
      return;
    }
    if (this.pending || this.delayed) {
      return;
    }
    this.delayed = true;
    this.requestDelay(() => {
      this.delayed = false;
      this.schedule();
    }, delayMs);
  }
}
