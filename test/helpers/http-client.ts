export interface Reply<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as it is, without JSON encoding (for malformed-body tests). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/**
 * A small client for the real server that keeps its session cookie like a browser would (one
 * client = one browser profile) and can carry an API key instead.
 */
export class HttpClient {
  cookie: string | undefined;
  apiKey: string | undefined;

  constructor(readonly baseUrl: string) {}

  withApiKey(key: string): HttpClient {
    const client = new HttpClient(this.baseUrl);
    client.apiKey = key;
    return client;
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (this.cookie && !headers.cookie) headers.cookie = this.cookie;
    if (this.apiKey && !headers.authorization) headers.authorization = `Bearer ${this.apiKey}`;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie =
        pair && !/=\s*$/.test(pair) && !/Expires=Thu, 01 Jan 1970/i.test(setCookie)
          ? pair
          : undefined;
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text) {
      parsed = JSON.parse(text);
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

/**
 * The body of a set-up call's reply, which must have `status` (201 unless said): a test that
 * builds its world through the API fails where a step was refused, not later and elsewhere.
 */
export function bodyOf<T = any>(reply: { status: number; body: T }, status = 201): T {
  if (reply.status !== status) {
    throw new Error(`set-up call failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}
