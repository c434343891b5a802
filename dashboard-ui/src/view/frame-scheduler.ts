/**
 * Coalesces render requests: however many arrive between two animation frames, the render
 * function runs once, in the next frame.
 */
export type FrameRequester = (callback: () => void) => void;

export class FrameScheduler {
  private pending = false;

  constructor(
    private readonly render: () => void,
    private readonly requestFrame: FrameRequester = (callback) => {
      window.requestAnimationFrame(() => callback());
    },
  ) {}

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
}
