import type { UploadedAttachment } from './types';

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

type Body = Record<string, unknown> | unknown[];

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(
      response.status,
      body.error?.code ?? 'http_error',
      body.error?.message ?? response.statusText,
    );
  } catch {
    return new ApiError(response.status, 'http_error', response.statusText || 'Request failed');
  }
}

/** Calls the API with the session cookie; JSON in, JSON out, errors as ApiError. */
export async function api<T>(method: string, path: string, body?: Body): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached');
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: Body) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: Body) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body?: Body) => api<T>('PUT', path, body ?? {});
export const del = <T = void>(path: string) => api<T>('DELETE', path);

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
      const error = (xhr.response as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'http_error', error?.message ?? 'Failed'));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server cannot be reached'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
