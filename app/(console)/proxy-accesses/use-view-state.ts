"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

/**
 * The view state lives in the URL. Updates go through the History API, which Next keeps in sync
 * with useSearchParams without a server round trip: filtering never waits for the network.
 * Changing account, tenant or proxy adds a history entry (Back returns to the previous proxy);
 * filters replace the current one.
 */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, mode?: "push" | "replace") => void] {
  const searchParams = useSearchParams();
  const state = useMemo(() => parseViewState(searchParams), [searchParams]);
  const update = useCallback((patch: Partial<ViewState>, mode: "push" | "replace" = "replace") => {
    const current = parseViewState(new URLSearchParams(window.location.search));
    const next = serializeViewState({ ...current, ...patch });
    if (next === window.location.search.replace(/^\?/, "")) return;
    const url = next ? `${window.location.pathname}?${next}` : window.location.pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return [state, update];
}
