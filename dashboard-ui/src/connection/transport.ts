/** The socket under a feed connection, reduced to what the connection uses. */

export interface TransportHandlers {
  onOpen(): void;
  /** One binary frame. */
  onMessage(bytes: Uint8Array): void;
  /** A text frame, which the protocol does not use. */
  onTextMessage(): void;
  onClose(code: number, reason: string): void;
}

export interface Transport {
  send(bytes: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type TransportFactory = (url: string, handlers: TransportHandlers) => Transport;

/** A browser WebSocket receiving binary frames as ArrayBuffers. */
export const webSocketTransport: TransportFactory = (url, handlers) => openWebSocket(url, handlers, undefined);

/**
 * The same, offering subprotocols (a signed-in page's token goes as `bearer.TOKEN` beside
 * `ticker`), asked for at each connection: a reconnect offers the token renewed meanwhile.
 */
export function webSocketTransportWith(protocols: () => string[] | undefined): TransportFactory {
  return (url, handlers) => openWebSocket(url, handlers, protocols());
}

function openWebSocket(url: string, handlers: TransportHandlers, protocols: string[] | undefined): Transport {
  const socket = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (event.data instanceof ArrayBuffer) {
      handlers.onMessage(new Uint8Array(event.data));
    } else {
      handlers.onTextMessage();
    }
  };
  // an error is always followed by a close event, which is where reconnecting starts
  socket.onerror = () => undefined;
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code, event.reason);
  return {
    send: (bytes) => socket.send(new Uint8Array(bytes)),
    close: (code, reason) => socket.close(code, reason),
  };
}
