/**
 * The binary frames of the WebSocket protocol (ticker/v1/stream.proto): every frame from the
 * server is one ServerMessage, every frame to it one ClientMessage.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  ClientMessageSchema,
  ServerMessageSchema,
  type ServerMessage,
} from '../gen/ticker/v1/stream_pb.js';

/** The request id of the dashboard's one subscription on a connection. */
export const SUBSCRIBE_ALL_REQUEST_ID = 1;

/** `ClientMessage { subscribe { request_id, all: true } }`: every instrument, present and future. */
export function encodeSubscribeAll(requestId: number = SUBSCRIBE_ALL_REQUEST_ID): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: { case: 'subscribe', value: { requestId, all: true } },
    }),
  );
}

/**
 * Decodes one server frame. A body this client does not know decodes with `body.case`
 * undefined. Throws on bytes that are not a ServerMessage.
 */
export function decodeServerMessage(bytes: Uint8Array): ServerMessage {
  return fromBinary(ServerMessageSchema, bytes);
}
