/**
 * The replay's wiring: starts a replay of what the screen shows (watchlist and every charted
 * symbol), from the panel or from a link once the live stream runs (the link's time moved inside
 * the journal first); at each segment the charts start again on the replay's state, and back on
 * live they continue on the live one and the subscription changes held meanwhile are sent.
 */
import type { Clock } from '../connection/clock.js';
import { paneSymbol, shownPanes } from '../model/layout.js';
import { clampToJournal } from '../replay/journal-range.js';
import type { ReplayMachine, ReplaySegment } from '../replay/replay-machine.js';
import type { ReplayRouter } from '../replay/replay-router.js';
import type { ReplayLink } from '../replay/replay-url.js';
import type { ChartPanesController } from './chart-panes-controller.js';
import type { JournalController } from './journal-controller.js';
import type { ScreenController } from './screen-controller.js';

export interface ReplayWiring {
  readonly clock: Clock;
  readonly machine: () => ReplayMachine;
  readonly router: ReplayRouter;
  readonly panes: ChartPanesController;
  readonly screen: () => ScreenController;
  readonly journal: JournalController;
  /** Whether the catalogue is still loading (a link's replay waits for it). */
  readonly catalogueLoading: () => boolean;
  /** Sends the subscription changes held during the replay. */
  readonly releaseHeld: () => void;
  readonly onChange: () => void;
}

export class ReplayController {
  /** A replay asked for by the address, started once the live stream runs. */
  pendingLink: ReplayLink | undefined;

  constructor(private readonly wiring: ReplayWiring) {}

  private get machine(): ReplayMachine {
    return this.wiring.machine();
  }

  /** Starts a replay of the screen's symbols (nothing when one is shown already). */
  start(link: ReplayLink): void {
    if (this.machine.active) return;
    this.machine.start({
      fromMs: clampToJournal(link.atMs, this.wiring.journal.bounds),
      ...(link.toMs !== undefined ? { toMs: link.toMs } : {}),
      speed: link.speed,
      paused: link.paused,
      symbols: this.symbols(),
    });
  }

  /**
   * The replay follows the screen: a symbol the screen shows that the replay does not carry (one
   * pinned in a pane, or added to the watchlist) joins it at once, from the next record.
   */
  followScreen(): void {
    const machine = this.machine;
    if (!machine.active) return;
    const wanted = this.symbols();
    const carried = machine.symbols;
    if (wanted.every((s) => carried.includes(s))) return;
    const covered = this.wiring.router.replaying ? this.wiring.router.model.sequence.lastSequence : undefined;
    machine.widen(wanted, covered === undefined ? undefined : covered + 1n);
  }

  /** Seeks to `atMs`, moved inside the journal. */
  seek(atMs: number): void {
    this.machine.seek(clampToJournal(atMs, this.wiring.journal.bounds));
  }

  /** Space: pauses a playing replay, plays a paused one; false when no replay takes it. */
  togglePause(): boolean {
    const machine = this.machine;
    if (machine.phase === 'playing') machine.pause();
    else if (machine.phase === 'paused') machine.resume();
    else return false;
    return true;
  }

  /** The watchlist and every symbol a pane charts. */
  symbols(): string[] {
    const prefs = this.wiring.screen().preferences;
    const symbols = [...(prefs.watchlist ?? [])];
    const add = (symbol: string | undefined): void => {
      if (symbol !== undefined && !symbols.includes(symbol)) symbols.push(symbol);
    };
    add(prefs.chartSymbol);
    for (const pane of shownPanes(prefs.layout)) add(paneSymbol(pane, prefs.chartSymbol));
    return symbols;
  }

  /** The live stream runs on this connection: a replay asked for (or interrupted) starts now. */
  onLiveStreamRunning(): void {
    if (this.wiring.catalogueLoading()) return;
    const link = this.pendingLink;
    if (link !== undefined) {
      const journal = this.wiring.journal;
      if (journal.bounds === undefined && !journal.asked) {
        // the link's time is moved into the journal before it is asked for
        void journal.load().then(() => this.onLiveStreamRunning());
        return;
      }
      this.pendingLink = undefined;
      this.start(link);
    } else {
      this.machine.onStreamStarted(this.symbols());
    }
  }

  /** A replay started or sought: the charts start again on the replay's state. */
  onSegment(segment: ReplaySegment): void {
    this.wiring.router.onSegment(segment);
    this.wiring.panes.rebind(() => Number(this.machine.clockNs(this.wiring.clock.now()) / 1_000_000n));
    this.wiring.screen().syncCharts();
    // symbols shown while the replay started join it now
    this.followScreen();
    this.wiring.onChange();
  }

  /** The connection is back on live data: the live state continues where it stopped. */
  onBackToLive(): void {
    this.wiring.router.onLive();
    this.wiring.panes.rebind(undefined);
    this.wiring.screen().syncCharts();
    this.wiring.releaseHeld();
    this.wiring.onChange();
  }
}
