"use client";

import { useSyncExternalStore } from "react";

/**
 * A page-wide clock: one interval however many components read it, running only while at least
 * one is mounted. Its server snapshot is null, so the server and the hydrating client render the
 * same text and time-dependent text appears right after hydration without a mismatch warning.
 * `staleMs`: with no interval running the last value may be old; it is refreshed once that old
 * (and stays stable between the calls React compares).
 */
export function createSharedClock(tickMs: number, staleMs: number): () => number | null {
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    timer ??= setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, tickMs);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  };
  const getSnapshot = () => {
    if (!timer && Date.now() - now > staleMs) now = Date.now();
    return now;
  };
  const getServerSnapshot = (): number | null => null;

  return function useSharedClock() {
    return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  };
}
