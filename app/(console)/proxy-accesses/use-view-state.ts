"use client";

import { useUrlState } from "@/components/use-url-state";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

/** The page's view state in the URL; changing account, tenant or proxy pushes a history entry, filters replace it. */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, mode?: "push" | "replace") => void] {
  return useUrlState(parseViewState, serializeViewState);
}
