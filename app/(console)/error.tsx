"use client";

import { ErrorState } from "@/components/error-state";

/** A page failed to render. The server logged the details; the digest lets support find them. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="This page could not be shown"
      message="Something went wrong while loading it. Try again; if it keeps happening, give the reference below to your administrator."
      requestId={error.digest ?? null}
      onRetry={reset}
    />
  );
}
