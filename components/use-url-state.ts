"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * A list page's view state kept in the URL, so a filtered view can be shared and survives a
 * reload. Updates go through the History API, which Next keeps in sync with useSearchParams
 * without a server round trip: filtering never waits for the network. "push" adds a history
 * entry (a new scope: Back returns to the previous one); "replace" is for filters.
 * `parse` must accept anything (unknown or malformed values fall back to defaults) and
 * `serialize` must write only non-default values in a stable order, so equal views have equal URLs.
 */
export function useUrlState<S extends object>(
  parse: (params: { get(name: string): string | null }) => S,
  serialize: (state: S) => string,
): [S, (patch: Partial<S>, mode?: "push" | "replace") => void] {
  const searchParams = useSearchParams();
  const state = useMemo(() => parse(searchParams), [parse, searchParams]);
  const update = useCallback(
    (patch: Partial<S>, mode: "push" | "replace" = "replace") => {
      const current = parse(new URLSearchParams(window.location.search));
      const next = serialize({ ...current, ...patch });
      if (next === window.location.search.replace(/^\?/, "")) return;
      const url = next ? `${window.location.pathname}?${next}` : window.location.pathname;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [parse, serialize],
  );
  return [state, update];
}
