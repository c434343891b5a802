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

describe('FrameScheduler within a delay', () => {
  it('shouldRenderStreamingUpdatesOnceAfterTheDelayAndWhatTheUserDoesInTheNextFrame', () => {
    const frames: Array<() => void> = [];
    const delays: Array<{ callback: () => void; delayMs: number }> = [];
    let renders = 0;
    const scheduler = new FrameScheduler(
      () => renders++,
      (callback) => frames.push(callback),
      (callback, delayMs) => delays.push({ callback, delayMs }),
    );

    for (let i = 0; i < 100; i++) scheduler.scheduleWithin(80);
    expect([frames.length, delays.length, delays[0]?.delayMs]).toEqual([0, 1, 80]);
    delays.shift()?.callback();
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(renders).toBe(1);

    // the user's change does not wait for the delay
    scheduler.scheduleWithin(80);
    scheduler.schedule();
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(renders).toBe(2);
    // the delay that was running ends in one more frame, not two
    delays.shift()?.callback();
    scheduler.scheduleWithin(0);
    expect(frames).toHaveLength(1);
  });
});
