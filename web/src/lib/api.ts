import { fillPattern, type PatternParams } from './spa-routes';
import type { Endpoints, ErrorReply, UploadedAttachment } from './types';

/** A refusal from the API, with its stable code (docs/errors.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The refusal a failed answer's body (`{"error": {"code", "message"}}`) describes; `fallback`
 * when the body is not ours (a proxy's page, nothing at all).
 */
function refusal(status: number, body: unknown, fallback: string): ApiError {
  const error = (body as Partial<ErrorReply> | null)?.error;
  return new ApiError(status, error?.code ?? 'http_error', error?.message ?? fallback);
}

type Endpoint = keyof Endpoints;
type PathOf<E extends Endpoint> = E extends `${string} ${infer Path}` ? Path : never;

/** What an endpoint's reply reads as, from its route's schema. */
export type ReplyOf<E extends Endpoint> = Endpoints[E]['reply'];
/** What an endpoint takes as its JSON body, from its route's schema. */
export type BodyOf<E extends Endpoint> = Endpoints[E] extends { readonly body: infer Body }
  ? Body
  : never;

/** What an endpoint takes as its query, from its route's schema. */
export type QueryOf<E extends Endpoint> = Endpoints[E] extends { readonly query: infer Query }
  ? Query
  : never;

/** The parts of a call its endpoint asks for: the path's params, its body, its query if any. */
type Parts<E extends Endpoint> = ([PatternParams<PathOf<E>>] extends [never]
  ? NoParts
  : { readonly params: Readonly<Record<PatternParams<PathOf<E>>, string>> }) &
  (Endpoints[E] extends { readonly body: infer Body } ? { readonly body: Body } : NoParts) &
  (Endpoints[E] extends { readonly query: infer Query } ? { readonly query?: Query } : NoParts);
type NoParts = Record<never, never>;
/** The parts may be left out when the endpoint needs none. */
type PartsArg<E extends Endpoint> =
  NoParts extends Parts<E> ? [parts?: Parts<E>] : [parts: Parts<E>];

/** A call made ready: its method and URL, its body, and (as a type only) what it answers. */
export interface ApiRequest<Reply> {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  /** Never set: carries the reply's type from the endpoint to whoever sends the request. */
  readonly reply?: Reply;
}

/** The call to `endpoint` (a method and path template of the contract), typed from it. */
export function request<E extends Endpoint>(
  endpoint: E,
  ...[parts]: PartsArg<E>
): ApiRequest<ReplyOf<E>> {
  const [method, path] = endpoint.split(' ') as [string, string];
  const { params, query, body } = (parts ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
  };
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) search.set(name, String(value));
  }
  const url = fillPattern(path, params ?? {}) + (search.size ? `?${search}` : '');
  // A POST or PUT always sends JSON (an empty object when the route takes no body).
  const sendsBody = method !== 'GET' && method !== 'DELETE';
  return { method, url, body: sendsBody ? (body ?? {}) : undefined };
}

/** Sends a request with the session cookie; JSON in, JSON out, errors as ApiError. */
export async function send<Reply>({ method, url, body }: ApiRequest<Reply>): Promise<Reply> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached');
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw refusal(response.status, body, response.statusText || 'Request failed');
  }
  if (response.status === 204) return undefined as Reply;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as Reply;
}

/** Calls `endpoint`: `call('PUT /api/v1/messages/:id/notifications', { params, body })`. */
export function call<E extends Endpoint>(endpoint: E, ...parts: PartsArg<E>): Promise<ReplyOf<E>> {
  return send(request(endpoint, ...parts));
}

export interface Upload {
  readonly promise: Promise<UploadedAttachment>;
  abort(): void;
}

/**
 * Uploads one file as multipart (field `file`). XMLHttpRequest rather than fetch: only it
 * reports upload progress.
 */
export function uploadAttachment(file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedAttachment>((resolve, reject) => {
    xhr.open('POST', '/api/v1/attachments');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        resolve(xhr.response as UploadedAttachment);
        return;
      }
      reject(refusal(xhr.status, xhr.response, 'Failed'));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server cannot be reached'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
