/**
 * A stand-in for the WebSocket in the browser benchmark (`?bench=50x200`): a worker plays a
 * server that streams real protobuf frames (built with the generated schema) for N symbols at M
 * ticks per second each. Building the frames happens in the worker, so the page's main thread
 * does only what it does with a real server: decode, update state, render.
 */
import type { TransportFactory } from '../connection/transport.js';
import type { FeedSpec } from './feed-worker.js';

/** "50x200" → 50 symbols at 200 ticks/s each; frames every 10 ms like the server's flush. */
export function parseBenchSpec(text: string): FeedSpec {
  const match = /^(\d+)x(\d+)(?:@(\d+))?$/.exec(text.trim());
  const symbols = Math.min(500, Math.max(1, Number(match?.[1] ?? 50)));
  const ticksPerSymbol = Math.min(100_000, Math.max(1, Number(match?.[2] ?? 200)));
  const frameMs = Math.min(1000, Math.max(1, Number(match?.[3] ?? 10)));
  return { symbols, ticksPerSymbol, frameMs };
}

export function benchTransport(spec: FeedSpec): TransportFactory {
  return (_url, handlers) => {
    const worker = new Worker(new URL('./feed-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ArrayBuffer | 'open'>) => {
      if (event.data === 'open') handlers.onOpen();
      else handlers.onMessage(new Uint8Array(event.data));
    };
    worker.postMessage({ kind: 'start', spec });
    return {
      send: (bytes) => {
        const copy = bytes.slice();
        worker.postMessage({ kind: 'client', bytes: copy.buffer }, [copy.buffer]);
      },
      close: (code, reason) => {
        worker.terminate();
        handlers.onClose(code ?? 1000, reason ?? '');
      },
    };
  };
}
