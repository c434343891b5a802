/**
 * Keeps the page's address saying what is shown: the live screen (selection, layout) and, during a
 * replay, the replayed moment (rewritten at most once a second), so a link opens the same screen.
 * Run from the page's periodic tick, never from a render.
 */
import type { ReplayMachine } from '../replay/replay-machine.js';
import { formatReplayLink } from '../replay/replay-url.js';
import type { Preferences } from './preferences.js';
import { formatScreenLink } from './screen-url.js';

/** How often the address is rewritten with the replay's position. */
export const REPLAY_LINK_REFRESH_MS = 1_000;

export interface PageLocation {
  readonly search: string;
  replace(search: string): void;
}

export class LinkController {
  private atMs = Number.NEGATIVE_INFINITY;
  private text = '';

  constructor(
    private readonly location: PageLocation | undefined,
    private readonly machine: () => ReplayMachine,
    private readonly preferences: () => Preferences,
    /** A replay link not started yet: the address keeps it until it is. */
    private readonly waiting: () => boolean,
  ) {}

  write(nowMs: number): void {
    const location = this.location;
    if (location === undefined) return;
    const machine = this.machine();
    if (nowMs - this.atMs < REPLAY_LINK_REFRESH_MS && machine.phase !== 'live') return;
    this.atMs = nowMs;
    if (this.waiting()) return;
    const prefs = this.preferences();
    const screen = { ...(prefs.chartSymbol !== undefined ? { symbol: prefs.chartSymbol } : {}), layout: prefs.layout };
    const text = formatScreenLink(formatReplayLink(location.search, machine.link(nowMs)), screen);
    if (text !== this.text) {
      this.text = text;
      if (text !== location.search) location.replace(text);
    }
  }
}
