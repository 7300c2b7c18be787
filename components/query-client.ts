import { QueryClient } from "@tanstack/react-query";

/** Reads an HTTP-like status from whatever a query function threw (fetch wrappers, ProviderError ...). */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown };
  const status = typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : undefined;
  return status;
}

/**
 * One retry for transient failures only. A 4xx means the request itself is wrong (or the user may not
 * see the thing), so asking again cannot help and only delays the error message. 408 and 429 are the
 * exceptions: they say "try again later".
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) return false;
  const status = errorStatus(error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
  return true;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: shouldRetry,
      },
      mutations: { retry: false },
    },
  });
}
