/**
 * The always-visible status line: connection state, stream position, tick rate, sequence gaps and
 * the server's last error.
 */
import type { ConnectionState } from '../connection/feed-connection.js';
import type { MarketModel } from '../model/market-model.js';

export interface ConnectionView {
  /** "connecting", "live", "stale" or "disconnected": also the indicator's CSS class. */
  readonly kind: ConnectionState['kind'];
  readonly label: string;
}

/** The indicator's text for a connection state at time `nowMs` (on the connection's clock). */
export function describeConnection(state: ConnectionState, nowMs: number): ConnectionView {
  switch (state.kind) {
    case 'connecting':
      return {
        kind: state.kind,
        label: state.attempt > 0 ? `Reconnecting (attempt ${state.attempt})` : 'Connecting',
      };
    case 'live':
      return { kind: state.kind, label: 'Live' };
    case 'stale':
      return { kind: state.kind, label: `Stale ${seconds(nowMs - state.lastMessageAtMs)}` };
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

export class StatusBar {
  private readonly indicator: HTMLElement;
  private readonly indicatorLabel: HTMLElement;
  private readonly sequence: HTMLElement;
  private readonly rate: HTMLElement;
  private readonly instruments: HTMLElement;
  private readonly gaps: HTMLElement;
  private readonly error: HTMLElement;
  private readonly texts = new Map<HTMLElement, string>();

  constructor(container: HTMLElement) {
    container.replaceChildren();
    this.indicator = element('span', 'indicator connecting');
    this.indicator.setAttribute('role', 'status');
    this.indicator.appendChild(element('span', 'dot'));
    this.indicatorLabel = element('span', 'label');
    this.indicator.appendChild(this.indicatorLabel);
    this.sequence = element('span', 'metric');
    this.rate = element('span', 'metric');
    this.instruments = element('span', 'metric');
    this.gaps = element('span', 'gap-mark');
    this.gaps.hidden = true;
    this.error = element('span', 'server-error');
    this.error.hidden = true;
    container.append(
      this.indicator,
      this.sequence,
      this.rate,
      this.instruments,
      this.gaps,
      this.error,
    );
  }

  render(model: MarketModel, connection: ConnectionState, nowMs: number): void {
    const view = describeConnection(connection, nowMs);
    const indicatorClass = `indicator ${view.kind}`;
    if (this.indicator.className !== indicatorClass) {
      this.indicator.className = indicatorClass;
    }
    this.set(this.indicatorLabel, view.label);

    const last = model.sequence.lastSequence;
    const head = model.heartbeat?.headSequence;
    let position = `Seq ${last !== undefined ? last.toString() : '—'}`;
    if (head !== undefined && last !== undefined && head > last) {
      position += ` (head ${head.toString()})`;
    }
    this.set(this.sequence, position);
    this.set(this.rate, `${Math.round(model.ticksPerSecond()).toLocaleString('en-US')} ticks/s`);
    const count = model.visibleRows().length;
    this.set(
      this.instruments,
      model.snapshotComplete || count > 0 ? `${count} instruments` : 'Loading snapshot',
    );

    const gaps = model.sequence.gaps;
    this.gaps.hidden = gaps === 0;
    if (gaps > 0) {
      this.set(this.gaps, `GAP ×${gaps}`);
      const gap = model.sequence.lastGap;
      if (gap !== undefined) {
        this.gaps.title =
          `${gaps} sequence gap(s), ${model.sequence.missed.toString()} record(s) missed; ` +
          `last: expected ${gap.expected.toString()}, received ${gap.received.toString()}`;
      }
    }

    const error = model.lastError;
    this.error.hidden = error === undefined;
    if (error !== undefined) {
      this.set(this.error, `${error.codeName}: ${error.message}`);
    }
  }

  private set(target: HTMLElement, text: string): void {
    if (this.texts.get(target) !== text) {
      this.texts.set(target, text);
      target.textContent = text;
    }
  }
}

function element(tag: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}
