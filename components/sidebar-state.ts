import { useSyncExternalStore } from "react";

/*
 * The mobile drawer is opened by a button in the header and rendered by the sidebar, which are
 * siblings in the layout. A tiny module store links them without asking the layout to mount a
 * provider. The server snapshot is always "closed", so nothing here is shared between requests.
 */
let open = false;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

export function setSidebarOpen(next: boolean) {
  if (open === next) return;
  open = next;
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useSidebarOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => open,
    () => false,
  );
}
