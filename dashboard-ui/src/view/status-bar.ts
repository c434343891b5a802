/**
 * The always-visible status bar: connection state and reconnects, how the stream resumed, lag
 * and clock skew from heartbeats, message and tick rates, the last sequence covered, and marks
 * for conflation, sequence gaps, restarts from a fresh snapshot and the server's last error.
 */
import type { ConnectionState } from '../connection/feed-connection.js';
import type { MarketModel } from '../model/market-model.js';
import { setHidden, setTitle } from './dom-writes.js';

export interface ConnectionView {
  /** "connecting", "live", "replay", "stale" or "disconnected": also the indicator's CSS class. */
  readonly kind: ConnectionState['kind'] | 'replay';
  readonly label: string;
}

/** What the status bar says of a replay shown instead of the live market. */
export interface ReplayFacts {
  /** The replay machine's phase: "starting", "playing", "paused", "ended", "returning"... */
  readonly phase: string;
  /** The speed (0: as fast as possible). */
  readonly speed: number;
}

/**
 * The indicator's text for a connection state at time `nowMs` (on the connection's clock). A
 * connection that is up but shows a replay says so: recorded data is never labelled live.
 */
export function describeConnection(state: ConnectionState, nowMs: number, replay?: ReplayFacts): ConnectionView {
  if (replay !== undefined && state.kind === 'live') {
    const speed = replay.speed > 0 ? `${replay.speed}\u00d7` : 'max speed';
    return { kind: 'replay', label: `Replay ${replay.phase}, ${speed}` };
  }
  switch (state.kind) {
    case 'connecting':
      return {
        kind: state.kind,
        label: state.attempt > 0 ? `Reconnecting (attempt ${state.attempt})` : 'Connecting',
      };
    case 'live':
      return { kind: state.kind, label: 'Live' };
    case 'stale':
      return { kind: state.kind, label: `STALE ${seconds(nowMs - state.lastMessageAtMs)}` };
    case 'disconnected':
      return {
        kind: state.kind,
        label: `Disconnected, retry in ${seconds(Math.max(0, state.retryAtMs - nowMs))}`,
      };
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "12 ms", "1.4 s", "—". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const magnitude = Math.abs(ms);
  if (magnitude < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface SessionFacts {
  readonly reconnects: number;
  readonly resumes: number;
  readonly restarts: number;
}

export class StatusBar {
  private readonly indicator: HTMLElement;
  private readonly indicatorLabel: HTMLElement;
  private readonly reconnects: HTMLElement;
  private readonly sequence: HTMLElement;
  private readonly lag: HTMLElement;
  private readonly skew: HTMLElement;
  private readonly rates: HTMLElement;
  private readonly conflation: HTMLElement;
  private readonly gaps: HTMLElement;
  private readonly restarts: HTMLElement;
  private readonly error: HTMLElement;
  private readonly texts = new Map<HTMLElement, string>();

  constructor(container: HTMLElement) {
    container.replaceChildren();
    this.indicator = element('span', 'indicator connecting');
    this.indicator.setAttribute('role', 'status');
    this.indicator.appendChild(element('span', 'dot'));
    this.indicatorLabel = element('span', 'label');
    this.indicator.appendChild(this.indicatorLabel);
    this.reconnects = metric('Reconnects since the page loaded; resumed = continued with nothing missed');
    this.sequence = metric('The last journal sequence covered (and the journal head, when behind)');
    this.lag = metric('End-to-end lag: server time now minus the newest tick\u2019s event time');
    this.skew = metric('Browser clock minus server clock, from the last heartbeat');
    this.rates = metric('Messages and ticks per second');
    this.conflation = element('span', 'mark info conflation-mark');
    setHidden(this.conflation, true);
    this.gaps = element('span', 'mark bad gap-mark');
    setHidden(this.gaps, true);
    this.restarts = element('span', 'mark warn restart-mark');
    setHidden(this.restarts, true);
    this.error = element('span', 'server-error');
    setHidden(this.error, true);
    container.append(
      this.indicator,
      this.reconnects,
      this.sequence,
      this.lag,
      this.skew,
      this.rates,
      this.conflation,
      this.gaps,
      this.restarts,
      this.error,
    );
  }

  render(model: MarketModel, connection: ConnectionState, session: SessionFacts, nowMs: number, replay?: ReplayFacts): void {
    const view = describeConnection(connection, nowMs, replay);
    const indicatorClass = `indicator ${view.kind}`;
    if (this.indicator.className !== indicatorClass) {
      this.indicator.className = indicatorClass;
    }
    this.set(this.indicatorLabel, view.label);
    this.set(
      this.reconnects,
      `Reconnects ${session.reconnects}` + (session.resumes > 0 ? ` (${session.resumes} resumed)` : ''),
    );

    const stats = model.stats;
    const last = model.sequence.lastSequence;
    const head = stats.heartbeat?.headSequence;
    let position = `Seq ${last !== undefined ? last.toString() : '—'}`;
    if (head !== undefined && last !== undefined && head > last) {
      position += ` / head ${head.toString()}`;
    }
    this.set(this.sequence, position);
    // a replay's ticks are as old as the recording: a lag would mean nothing
    this.set(this.lag, replay !== undefined ? 'Lag — (replay)' : `Lag ${formatDuration(stats.lagMs)}`);
    const skew = stats.skewMs;
    this.set(this.skew, `Skew ${skew === undefined ? '—' : (skew > 0 ? '+' : '') + formatDuration(skew)}`);
    this.set(
      this.rates,
      `${Math.round(stats.messagesPerSecond(nowMs)).toLocaleString('en-US')} msg/s · ` +
        `${Math.round(stats.ticksPerSecond(nowMs)).toLocaleString('en-US')} ticks/s`,
    );

    // the watchlist asks for a few updates a second, so the server always merges some of its
    // ticks (shown plainly); a tape that lost trades of the charted symbol is a warning
    const conflated = stats.recentlyConflated(nowMs);
    const tapeMissed = model.recentTapeMissed(nowMs);
    setHidden(this.conflation, conflated === 0n && tapeMissed === 0n);
    const conflationClass = tapeMissed > 0n ? 'mark warn conflation-mark' : 'mark info conflation-mark';
    if (this.conflation.className !== conflationClass) this.conflation.className = conflationClass;
    if (tapeMissed > 0n) {
      this.set(this.conflation, `CONFLATED: tape −${tapeMissed.toString()}`);
      this.conflation.title =
        `The connection fell behind and the server merged ${tapeMissed.toString()} trade(s) of the charted ` +
        `symbol away in the last few seconds (${conflated.toString()} updates merged in all); prices and bars are exact`;
    } else if (conflated > 0n) {
      this.set(this.conflation, `MERGED ${conflated.toString()}`);
      this.conflation.title =
        'Updates merged by the server in the last few seconds: the watchlist gets the latest value at most ' +
        'a few times a second. The charted symbol gets every tick';
    }

    const gaps = model.sequence.gaps;
    setHidden(this.gaps, gaps === 0);
    if (gaps > 0) {
      this.set(this.gaps, `GAP ×${gaps}`);
      const gap = model.sequence.lastGap;
      if (gap !== undefined) {
        this.gaps.title =
          `${gaps} sequence gap(s), ${model.sequence.missed.toString()} record(s) missed; ` +
          `last: expected ${gap.expected.toString()}, received ${gap.received.toString()}`;
      }
    }
    setHidden(this.restarts, session.restarts === 0);
    if (session.restarts > 0) {
      this.set(this.restarts, `RESYNC ×${session.restarts}`);
      this.restarts.title =
        'Reconnected from a fresh snapshot (the server could not resume): prices are current, ' +
        'but trades in between are not on the tape';
    }

    const error = model.lastError;
    setHidden(this.error, error === undefined);
    if (error !== undefined) {
      this.set(this.error, `${error.codeName}: ${error.message}`);
      setTitle(this.error, error.message);
    }
  }

  private set(target: HTMLElement, text: string): void {
    if (this.texts.get(target) !== text) {
      this.texts.set(target, text);
      target.textContent = text;
    }
  }
}

function metric(title: string): HTMLElement {
  const el = element('span', 'metric');
  setTitle(el, title);
  return el;
}

function element(tag: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}
