import { describe, expect, it } from 'vitest';
import { FrameScheduler } from '../src/view/frame-scheduler.js';

describe('FrameScheduler', () => {
  it('renders once per frame however many updates arrive', () => {
    const frames: Array<() => void> = [];
    let renders = 0;
    const scheduler = new FrameScheduler(
      () => renders++,
      (callback) => frames.push(callback),
    );

    for (let i = 0; i < 1000; i++) scheduler.schedule();
    expect(frames).toHaveLength(1);
    expect(renders).toBe(0);

    frames.shift()?.();
    expect(renders).toBe(1);

    scheduler.schedule();
    scheduler.schedule();
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(renders).toBe(2);
    expect(frames).toHaveLength(0);
  });
});
