import { describe, expect, it } from 'vitest';
import { formatReplayLink, parseReplayLink, parseInstant } from '../src/replay/replay-url.js';

const AT = Date.UTC(2026, 10, 20, 14, 30, 0);

describe('replay link', () => {
  it('shouldReadTheMomentAndSpeedOfALink', () => {
    expect(parseReplayLink('?replay=2026-11-20T14:30:00Z&speed=60')).toEqual({ kind: 'ok', link: { atMs: AT, speed: 60, paused: false } });
    expect(parseReplayLink('?replay=2026-11-20T09:30:00-05:00&to=2026-11-20T16:00:00Z&speed=max&paused=1')).toEqual({
      kind: 'ok',
      link: { atMs: AT, toMs: Date.UTC(2026, 10, 20, 16), speed: 0, paused: true },
    });
  });

  it('shouldRoundTripThroughTheAddressKeepingOtherParameters', () => {
    const links = [
      { atMs: AT, speed: 60, paused: false },
      { atMs: AT + 1_250, speed: 0.25, paused: true },
      { atMs: AT, toMs: AT + 3_600_000, speed: 0, paused: false },
      { atMs: AT, speed: 1000, paused: false },
    ];
    for (const link of links) {
      const search = formatReplayLink('?hooks=1&ws=ws%3A%2F%2Fh%2Fws', link);
      expect(new URLSearchParams(search).get('hooks')).toBe('1');
      expect(new URLSearchParams(search).get('ws')).toBe('ws://h/ws');
      expect(parseReplayLink(search)).toEqual({ kind: 'ok', link });
    }
    expect(formatReplayLink('?hooks=1', { atMs: AT, speed: 60, paused: false })).toBe('?hooks=1&replay=2026-11-20T14%3A30%3A00Z&speed=60');
  });

  it('shouldDropTheReplayFromTheAddressWhenBackToLive', () => {
    expect(formatReplayLink('?hooks=1&replay=2026-11-20T14:30:00Z&speed=60&paused=1', undefined)).toBe('?hooks=1');
    expect(formatReplayLink('?replay=2026-11-20T14:30:00Z', undefined)).toBe('');
    expect(parseReplayLink('?hooks=1')).toEqual({ kind: 'none' });
  });

  it('shouldSayWhatIsWrongWithABadLink', () => {
    const reason = (search: string) => {
      const result = parseReplayLink(search);
      return result.kind === 'error' ? result.reason : result.kind;
    };
    expect(reason('?replay=yesterday')).toContain('replay=yesterday: not an ISO-8601 instant');
    expect(reason('?replay=2026-11-20T14:30:00')).toContain('not an ISO-8601 instant');
    expect(reason('?replay=2026-11-20T14:30:00Z&speed=fast')).toContain('speed=fast');
    expect(reason('?replay=2026-11-20T14:30:00Z&speed=200000')).toContain('speed=200000');
    expect(reason('?replay=2026-11-20T14:30:00Z&to=2026-11-20T14:00:00Z')).toContain('the end must be after');
  });

  it('shouldKeepMillisecondsAndRefuseTimesWithoutAZone', () => {
    expect(parseInstant('2026-11-20T14:30:00.123456789Z')).toBe(AT + 123);
    expect(parseInstant('2026-11-20T14:30Z')).toBe(AT);
    expect(parseInstant('2026-11-20')).toBeUndefined();
  });
});
