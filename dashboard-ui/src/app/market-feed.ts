/**
 * The dashboard's session with the server: on every (re)connection it starts a new model session
 * and subscribes to all instruments; every frame goes to the model.
 */
import { Backoff } from '../connection/backoff.js';
import type { Clock } from '../connection/clock.js';
import { FeedConnection, type ConnectionState } from '../connection/feed-connection.js';
import type { TransportFactory } from '../connection/transport.js';
import type { MarketModel } from '../model/market-model.js';
import { encodeSubscribeAll, SUBSCRIBE_ALL_REQUEST_ID } from '../protocol/codec.js';

export interface MarketFeedOptions {
  readonly url: string;
  readonly model: MarketModel;
  readonly transport: TransportFactory;
  readonly clock: Clock;
  readonly backoff?: Backoff;
  /** The model or the connection state changed. */
  readonly onChange: (state: ConnectionState) => void;
}

export function createMarketFeed(options: MarketFeedOptions): FeedConnection {
  const { model } = options;
  const connection: FeedConnection = new FeedConnection({
    url: options.url,
    transport: options.transport,
    clock: options.clock,
    backoff: options.backoff ?? new Backoff(),
    onOpen: (send) => {
      model.beginSession();
      send(encodeSubscribeAll(SUBSCRIBE_ALL_REQUEST_ID));
    },
    onMessage: (bytes) => {
      model.receive(bytes);
      options.onChange(connection.state);
    },
    onState: (state) => options.onChange(state),
  });
  return connection;
}
