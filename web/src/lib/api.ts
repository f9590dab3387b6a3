/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie,
 * JSON in and out, problem+json turned into ApiError. Types come from contracts/ (see types.ts).
 */
export interface ProblemIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly issues: ProblemIssue[] = [],
  ) {
    super(detail ?? code);
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when any request answers 401: the session is gone, so the shell sends the agent to sign in. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Set for the sign-in request itself, whose 401 means "wrong password", not "session expired". */
  quiet401?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', undefined);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text === '' ? null : safeParse(text);
  if (!response.ok) {
    const problem = (json ?? {}) as { code?: string; detail?: string; issues?: ProblemIssue[] };
    if (response.status === 401 && !options.quiet401) for (const listener of unauthenticatedListeners) listener();
    throw new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.detail, problem.issues ?? []);
  }
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Builds a query string from defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}
