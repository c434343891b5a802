/**
 * Keeps a replay apart from the live market. The live state waits while the connection replays
 * (its sequence check stops where the live stream stopped, so back-to-live is checked for a gap
 * like a resume); the replay has a state of its own, rebuilt from the replay snapshot at each
 * segment (a start or a seek), whose continuity starts at the segment's first sequence. Replay
 * frames, replay status and the heartbeats of a replay go here; everything else to the live state.
 */
import type { Instrument } from '../gen/ticker/v1/market_pb.js';
import type { ServerMessage } from '../gen/ticker/v1/stream_pb.js';
import { MarketModel } from '../model/market-model.js';
import type { ReplayMachine, ReplaySegment } from './replay-machine.js';

export class ReplayRouter {
  private replayModel: MarketModel | undefined;
  /** Replay frames that came with no replay state to apply them to (none expected). */
  strayFrames = 0;
  /** Gaps seen in every replay segment since the page loaded (a segment's state goes at a seek). */
  replayGaps = 0;

  constructor(
    readonly liveModel: MarketModel,
    private readonly machine: () => ReplayMachine,
    private readonly now: () => number,
    private readonly catalogue: () => readonly Instrument[],
  ) {}

  /** The market shown: the replay's during a replay, else the live one. */
  get model(): MarketModel {
    return this.replayModel ?? this.liveModel;
  }

  get replaying(): boolean {
    return this.replayModel !== undefined;
  }

  /** True when the message belongs to the replay (and must not reach the live state). */
  intercept(message: ServerMessage): boolean {
    const body = message.body;
    switch (body.case) {
      case 'replayStatus':
        this.machine().onStatus(body.value);
        return true;
      case 'snapshot':
        if (!body.value.replay) return false;
        this.applyReplay(message);
        return true;
      case 'data':
        if (!body.value.replay) return false;
        this.machine().onReplayTime(body.value.replayTimeNs);
        this.applyReplay(message);
        return true;
      case 'heartbeat':
        if (this.replayModel === undefined) return false;
        // the live stream does not move while the connection replays
        this.replayModel.apply(message);
        return true;
      case 'error':
        this.machine().onError(body.value);
        this.replayModel?.apply(message);
        return false;
      default:
        return false;
    }
  }

  /** A replay segment begins: a fresh state, checked from the segment's first sequence. */
  onSegment(segment: ReplaySegment): void {
    const model = new MarketModel({ now: this.now, replay: true });
    model.addCatalogue(this.catalogue());
    model.beginConnection();
    model.sequence.restartAt(segment.firstSequence);
    model.onGap = () => this.replayGaps++;
    // the tapes keep the trades already replayed before the new position
    if (this.replayModel !== undefined) model.carryTapes(this.replayModel, segment.firstSequence, segment.continued !== true);
    this.replayModel = model;
  }

  /** Back to live: the replay's state is dropped, the live one continues. */
  onLive(): void {
    this.replayModel = undefined;
  }

  private applyReplay(message: ServerMessage): void {
    if (this.replayModel === undefined) {
      this.strayFrames++;
      return;
    }
    this.replayModel.apply(message);
  }
}
