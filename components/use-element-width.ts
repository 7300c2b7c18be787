"use client";

import { useLayoutEffect, useState } from "react";

/**
 * The width of the element given to the returned ref, kept current with a ResizeObserver; null
 * before the first layout. Layouts switch on the space they really get (a sidebar, a drawer and the
 * window all change it), not on the window width a media query sees. A callback ref, so the
 * observer follows when the element is replaced (a loading state giving way to the content).
 */
export function useElementWidth(): [(el: HTMLElement | null) => void, number | null] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (!element) return;
    // An observer reports the size once as soon as it starts observing, then on every change.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, width];
}
