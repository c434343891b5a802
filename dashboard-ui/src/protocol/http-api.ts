/**
 * The server's JSON endpoints, read with the generated schemas (proto3 JSON mapping: 64-bit
 * integers arrive as strings and are parsed by @bufbuild/protobuf, never by hand).
 *
 * Every call answers with a result, never throws: a server without the endpoint (404) is
 * "unavailable", which the dashboard works around; anything else failing is an "error" with a
 * reason a person can read. /api/bars also tells "refused": the server said why, in its own words
 * (a 503 to ask again later, a 400 that will not change).
 */
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import {
  BarHistorySchema,
  InstrumentListSchema,
  JournalRangeSchema,
  type BarHistory,
  type Instrument,
  type JournalRange,
} from '../gen/ticker/v1/market_pb.js';
import type { IntervalKey } from './intervals.js';

export type ApiResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'unavailable'; readonly status: number }
  | { readonly kind: 'error'; readonly reason: string };

/** The server answered with an error of its own (`{"error": "..."}`): its status and its words. */
export interface Refused {
  readonly kind: 'refused';
  readonly status: number;
  /** The server's `error`. */
  readonly message: string;
  /** The URL, the status and the server's `error`, for a log or a note. */
  readonly reason: string;
}

/** The part of `fetch` used here, so tests can answer without a server. */
export type FetchLike = (url: string) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  json(): Promise<unknown>;
}>;

export interface BarsQuery {
  readonly symbol: string;
  readonly interval: IntervalKey;
  /** Epoch milliseconds; bars starting before this. */
  readonly toMs?: number;
  readonly fromMs?: number;
  readonly limit?: number;
}

export const DEFAULT_BAR_LIMIT = 500;

/** `/api/bars?...` relative to `base` (the page's URL). */
export function barsUrl(base: string, query: BarsQuery): string {
  const params = new URLSearchParams({
    symbol: query.symbol,
    interval: query.interval,
    limit: String(query.limit ?? DEFAULT_BAR_LIMIT),
  });
  if (query.fromMs !== undefined) params.set('from', String(Math.floor(query.fromMs)));
  if (query.toMs !== undefined) params.set('to', String(Math.floor(query.toMs)));
  return new URL(`api/bars?${params.toString()}`, base).toString();
}

export function instrumentsUrl(base: string): string {
  return new URL('api/instruments', base).toString();
}

export async function fetchInstruments(
  fetchFn: FetchLike,
  base: string,
): Promise<ApiResult<Instrument[]>> {
  const result = await getJson(fetchFn, instrumentsUrl(base));
  if (result.kind !== 'ok') return result;
  try {
    const list = fromJson(InstrumentListSchema, result.value as JsonValue, {
      ignoreUnknownFields: true,
    });
    return { kind: 'ok', value: list.instruments };
  } catch (error) {
    return { kind: 'error', reason: `/api/instruments: ${message(error)}` };
  }
}

export function journalUrl(base: string): string {
  return new URL('api/journal', base).toString();
}

/** The journal's oldest and newest record: where a replay can start. */
export async function fetchJournalRange(fetchFn: FetchLike, base: string): Promise<ApiResult<JournalRange>> {
  const result = await getJson(fetchFn, journalUrl(base));
  if (result.kind !== 'ok') return result;
  try {
    return { kind: 'ok', value: fromJson(JournalRangeSchema, result.value as JsonValue, { ignoreUnknownFields: true }) };
  } catch (error) {
    return { kind: 'error', reason: `/api/journal: ${message(error)}` };
  }
}

export async function fetchBars(
  fetchFn: FetchLike,
  base: string,
  query: BarsQuery,
): Promise<ApiResult<BarHistory> | Refused> {
  const result = await getJson(fetchFn, barsUrl(base, query), true);
  if (result.kind !== 'ok') return result;
  try {
    const history = fromJson(BarHistorySchema, result.value as JsonValue, {
      ignoreUnknownFields: true,
    });
    return { kind: 'ok', value: history };
  } catch (error) {
    return { kind: 'error', reason: `/api/bars for ${query.symbol}: ${message(error)}` };
  }
}

async function getJson(fetchFn: FetchLike, url: string): Promise<ApiResult<unknown>>;
async function getJson(fetchFn: FetchLike, url: string, refusals: true): Promise<ApiResult<unknown> | Refused>;
async function getJson(fetchFn: FetchLike, url: string, refusals = false): Promise<ApiResult<unknown> | Refused> {
  try {
    const response = await fetchFn(url);
    if (response.status === 404 || response.status === 405 || response.status === 501) {
      return { kind: 'unavailable', status: response.status };
    }
    if (!response.ok) {
      const reason = `${url}: HTTP ${response.status} ${response.statusText}`;
      const said = refusals ? await errorOf(response) : undefined;
      return said === undefined
        ? { kind: 'error', reason }
        : { kind: 'refused', status: response.status, message: said, reason: `${reason}: ${said}` };
    }
    return { kind: 'ok', value: await response.json() };
  } catch (error) {
    return { kind: 'error', reason: `${url}: ${message(error)}` };
  }
}

/** The server's `error` in an error answer's JSON body, if it has one. */
async function errorOf(response: { json(): Promise<unknown> }): Promise<string | undefined> {
  try {
    const body = await response.json();
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') {
      return body.error;
    }
  } catch {
    // not JSON: the status alone says it
  }
  return undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
