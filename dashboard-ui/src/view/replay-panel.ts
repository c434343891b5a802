/**
 * The replay panel under the chart, and the banner that tells a replay from live data. Live, it
 * offers a start time (and an optional end) in the chart's time zone and a speed; during a replay
 * it has play/pause, step, the speed, a timeline over the journal to seek on, the replay clock and
 * "back to live". It only shows the ReplayMachine's state and reports what the user did.
 */
import type { ReplayMachine } from '../replay/replay-machine.js';
import { clampToJournal, defaultReplayStart, replayTimeline, type JournalBounds, type SessionHours } from '../replay/journal-range.js';
import { DEFAULT_REPLAY_SPEED, formatSpeed, REPLAY_SPEEDS } from '../replay/replay-url.js';
import { formatDateTime, parseDateTimeInput, type Zone } from './time.js';
import { setHidden, setTitle } from './dom-writes.js';

/** How the From and To fields read: the one date-time format of the page. */
const DATE_TIME_PLACEHOLDER = 'YYYY-MM-DD HH:MM:SS';

export interface ReplayCallbacks {
  readonly onStart: (fromMs: number, toMs: number | undefined, speed: number) => void;
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onSpeed: (speed: number) => void;
  readonly onSeek: (atMs: number) => void;
  readonly onStep: () => void;
  readonly onBackToLive: () => void;
  /** The start picker is used: the journal's range is wanted for it and the timeline. */
  readonly onOpen: () => void;
}

export interface ReplayContext {
  readonly nowMs: number;
  /** The zone times are shown and typed in (undefined: the browser's). */
  readonly zone: Zone;
  readonly zoneLabel: string;
  /** The journal's first and newest record (from /api/journal), when known. */
  readonly journal: JournalBounds | undefined;
  /** The server's time now: the live end of the timeline. */
  readonly liveEdgeMs: number;
  /** The charted instrument's session: a replay starts at its newest open by default. */
  readonly session: SessionHours | undefined;
}

const PHASE_LABELS: Record<string, string> = {
  starting: 'STARTING',
  playing: 'PLAYING',
  paused: 'PAUSED',
  ended: 'ENDED',
  returning: 'BACK TO LIVE…',
  interrupted: 'RECONNECTING',
};

export class ReplayPanel {
  private readonly livePart: HTMLElement;
  private readonly replayPart: HTMLElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly startSpeed: HTMLSelectElement;
  private readonly playPause: HTMLButtonElement;
  private readonly stepButton: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly timeline: HTMLInputElement;
  private readonly clock: HTMLElement;
  private readonly rangeLabel: HTMLElement;
  private readonly message: HTMLElement;
  private readonly texts = new Map<HTMLElement, string>();
  private dragging = false;
  private zone: Zone = undefined;
  /** The zone the From field's text is in. */
  private fromZone: Zone = undefined;
  private phase = '';
  private journal: JournalBounds | undefined;
  /** The user typed a start: it is kept (moved into the journal), no longer the default. */
  private fromTyped = false;

  constructor(
    container: HTMLElement,
    private readonly banner: HTMLElement | undefined,
    private readonly callbacks: ReplayCallbacks,
  ) {
    container.replaceChildren();
    setHidden(container, false);
    const title = element('span', 'replay-title');
    title.textContent = 'Replay';

    this.livePart = element('div', 'replay-live');
    // text fields in the page's one format (a datetime-local field shows the browser's locale)
    this.from = input('text', 'replay-from', 'Replay from (in the time zone shown)');
    this.from.placeholder = DATE_TIME_PLACEHOLDER;
    this.to = input('text', 'replay-to', 'Replay until (optional; empty: up to now)');
    this.to.placeholder = DATE_TIME_PLACEHOLDER;
    this.startSpeed = speedSelect('replay-start-speed');
    const start = button('replay-start', 'Replay', 'Replay the watchlist and the chart from this time');
    start.addEventListener('click', () => this.start());
    this.from.addEventListener('focus', () => this.open());
    this.from.addEventListener('input', () => (this.fromTyped = true));
    this.livePart.append(label('From', this.from), label('To', this.to), label('Speed', this.startSpeed), start);

    this.replayPart = element('div', 'replay-running');
    this.playPause = button('replay-play', 'Pause', 'Pause');
    this.playPause.addEventListener('click', () => (this.phase === 'paused' ? callbacks.onResume() : callbacks.onPause()));
    this.stepButton = button('replay-step', 'Step', 'Step: release the next record');
    this.stepButton.addEventListener('click', () => callbacks.onStep());
    this.speed = speedSelect('replay-speed');
    this.speed.addEventListener('change', () => callbacks.onSpeed(Number(this.speed.value)));
    this.timeline = input('range', 'replay-timeline', 'Seek: the journal from its first record to the end of the replay');
    this.timeline.step = '1000';
    this.timeline.addEventListener('input', () => {
      this.dragging = true;
      this.set(this.clock, formatDateTime(Number(this.timeline.value), this.zone));
    });
    this.timeline.addEventListener('change', () => {
      this.dragging = false;
      callbacks.onSeek(clampToJournal(Number(this.timeline.value), this.journal));
    });
    this.clock = element('span', 'replay-clock num');
    this.rangeLabel = element('span', 'replay-range');
    const live = button('replay-back', 'Back to live', 'Back to live: the live stream continues with nothing missed');
    live.addEventListener('click', () => callbacks.onBackToLive());
    this.replayPart.append(this.playPause, this.stepButton, label('Speed', this.speed), this.timeline, this.clock, this.rangeLabel, live);

    this.message = element('span', 'replay-message');
    container.append(title, this.livePart, this.replayPart, this.message);
  }

  render(machine: ReplayMachine, context: ReplayContext): void {
    this.zone = context.zone;
    this.journal = context.journal;
    const active = machine.active;
    setHidden(this.livePart, active);
    setHidden(this.replayPart, !active);
    document.body.classList.toggle('replaying', active);
    this.phase = machine.phase;
    this.set(this.message, machine.error ?? '');
    setHidden(this.message, machine.error === undefined);
    if (!active) {
      const session = context.session === undefined ? '' : `${context.session.zone ?? ''}@${context.session.openMinute}`;
      const bounds = context.journal === undefined ? session : `${context.journal.firstMs}-${context.journal.headMs} ${session}`;
      if (this.from.value === '' || this.from.dataset['zone'] !== context.zoneLabel || this.from.dataset['journal'] !== bounds) {
        // the default: the newest session's open, inside the journal
        const typed = !this.fromTyped || this.from.value === '' ? undefined : parseDateTimeInput(this.from.value, this.fromZone);
        const typedTo = this.to.value === '' ? undefined : parseDateTimeInput(this.to.value, this.fromZone);
        const shown = typed === undefined ? defaultReplayStart(context.journal, context.liveEdgeMs, context.session) : clampToJournal(typed, context.journal);
        this.from.value = formatDateTime(clampToJournal(Math.ceil(shown / 1000) * 1000, context.journal), context.zone);
        this.from.dataset['journal'] = bounds;
        if (context.journal !== undefined) {
          // the field takes only the journal's seconds (a time outside moves to its nearest end)
          this.from.dataset['min'] = formatDateTime(Math.ceil(context.journal.firstMs / 1000) * 1000, context.zone);
          this.from.dataset['max'] = formatDateTime(context.journal.headMs, context.zone);
          setTitle(this.from, `Replay from, in ${context.zoneLabel} time: the journal holds ${this.from.dataset['min']} to ${this.from.dataset['max']}`);
        }
        if (typedTo !== undefined) this.to.value = formatDateTime(typedTo, context.zone);
        this.fromZone = context.zone;
        this.from.dataset['zone'] = context.zoneLabel;
        if (context.journal === undefined) this.from.title = `Replay from, in ${context.zoneLabel} time`;
      }
      if (this.banner !== undefined) this.banner.hidden = true;
      return;
    }
    const clockMs = Number(machine.clockNs(context.nowMs) / 1_000_000n);
    const clockText = clockMs > 0 ? formatDateTime(clockMs, context.zone) : '—';
    const phase = PHASE_LABELS[machine.phase] ?? machine.phase.toUpperCase();
    if (this.banner !== undefined) {
      setHidden(this.banner, false);
      this.set(this.banner, `REPLAY  ${clockText} ${context.zoneLabel}  ·  ${formatSpeed(machine.speed)}  ·  ${phase}`);
    }
    const paused = machine.phase === 'paused';
    this.set(this.playPause, paused ? 'Play' : 'Pause');
    setTitle(this.playPause, paused ? 'Play' : 'Pause');
    const controllable = machine.phase === 'playing' || machine.phase === 'paused' || machine.phase === 'ended';
    this.playPause.disabled = !(machine.phase === 'playing' || paused);
    this.stepButton.disabled = !(machine.phase === 'playing' || paused);
    this.speed.disabled = !controllable;
    this.timeline.disabled = !controllable;
    if (document.activeElement !== this.speed) this.speed.value = String(machine.speed);
    const timeline = replayTimeline({
      bounds: context.journal,
      fromNs: machine.fromNs,
      toNs: machine.toNs,
      clockMs,
      liveEdgeMs: context.liveEdgeMs,
    });
    if (timeline !== undefined) {
      // whole milliseconds inside the journal: every position of the slider is a time it holds
      const min = String(timeline.minMs);
      const max = String(timeline.maxMs);
      if (this.timeline.min !== min) this.timeline.min = min;
      if (this.timeline.max !== max) this.timeline.max = max;
      if (!this.dragging && clockMs > 0) this.timeline.value = String(clockMs);
      this.set(this.rangeLabel, `${formatDateTime(timeline.minMs, context.zone)} → ${formatDateTime(timeline.maxMs, context.zone)}`);
    }
    if (!this.dragging) this.set(this.clock, clockText);
  }

  /** Asks for the journal's range again at each use: the journal grows while the page is open. */
  private open(): void {
    this.callbacks.onOpen();
  }

  private start(): void {
    this.open();
    const typed = parseDateTimeInput(this.from.value, this.fromZone);
    if (typed === undefined) {
      this.set(this.message, `From: "${this.from.value}" is not a time; type it as ${DATE_TIME_PLACEHOLDER}`);
      setHidden(this.message, false);
      return;
    }
    // a time before the journal's first record (or after its newest) starts at that record
    const fromMs = clampToJournal(typed, this.journal);
    if (fromMs !== typed) this.from.value = formatDateTime(fromMs, this.fromZone);
    const toMs = this.to.value === '' ? undefined : parseDateTimeInput(this.to.value, this.fromZone);
    if (this.to.value !== '' && toMs === undefined) {
      this.set(this.message, `To: "${this.to.value}" is not a time; type it as ${DATE_TIME_PLACEHOLDER}, or leave it empty`);
      setHidden(this.message, false);
      return;
    }
    if (toMs !== undefined && toMs <= fromMs) {
      this.set(this.message, 'The end of the replay must be after its start');
      setHidden(this.message, false);
      return;
    }
    this.callbacks.onStart(fromMs, toMs, Number(this.startSpeed.value));
  }

  private set(target: HTMLElement, text: string): void {
    if (this.texts.get(target) !== text) {
      this.texts.set(target, text);
      target.textContent = text;
    }
  }
}

function speedSelect(className: string): HTMLSelectElement {
  const select = document.createElement('select');
  select.className = className;
  for (const speed of REPLAY_SPEEDS) {
    const option = document.createElement('option');
    option.value = String(speed);
    option.textContent = formatSpeed(speed);
    select.appendChild(option);
  }
  select.value = String(DEFAULT_REPLAY_SPEED);
  return select;
}

function label(text: string, control: HTMLElement): HTMLElement {
  const el = document.createElement('label');
  el.className = 'replay-field';
  const span = element('span', 'replay-label');
  span.textContent = text;
  el.append(span, control);
  return el;
}

function input(type: string, className: string, title: string): HTMLInputElement {
  const el = document.createElement('input');
  el.type = type;
  el.className = className;
  setTitle(el, title);
  return el;
}

function button(className: string, text: string, title: string): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = className;
  el.textContent = text;
  setTitle(el, title);
  return el;
}

function element(tag: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}
