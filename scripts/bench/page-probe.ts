/**
 * Instrumentation that runs inside the page (installed with addInitScript before any page script).
 * Kept as plain JavaScript source: functions serialised from this tsx-compiled file would carry the
 * bundler's helper calls, which do not exist in the browser.
 *
 * - loadedAt: performance.now() (ms since navigation start) when the count first reads the target.
 * - per keystroke: keydown time (capture listener on window), the time the count text changed
 *   (MutationObserver on the count element's parent, so a re-created element is still seen), the
 *   first requestAnimationFrame after that change, and a task queued from that frame, i.e. once
 *   the frame has been handed to the compositor.
 */

export interface ProbeSample {
  key: string;
  text: string | null;
  keyAt: number;
  mutatedAt: number;
  rafAt: number;
  afterFrameAt: number;
}

export const COUNT_SELECTOR = '[data-testid="visible-count"]';

export function probeSource(targetCount: number): string {
  return `(() => {
  if (window.__bench) return;
  const TARGET = ${JSON.stringify(targetCount)};
  const SELECTOR = ${JSON.stringify(COUNT_SELECTOR)};
  const countEl = () => document.querySelector(SELECTOR);
  const countText = () => { const el = countEl(); return el ? el.textContent : null; };
  const digits = (t) => (t == null || !/[0-9]/.test(t) ? null : Number(String(t).replace(/[^0-9]/g, "")));
  const s = { loadedAt: null, keyAt: null, key: null, baseline: null, pending: false, samples: [], observer: null };
  const check = () => {
    const text = countText();
    if (s.loadedAt === null && digits(text) === TARGET) s.loadedAt = performance.now();
    if (!s.pending || text === s.baseline) return;
    s.pending = false;
    const key = s.key, keyAt = s.keyAt, mutatedAt = performance.now();
    requestAnimationFrame(() => {
      const rafAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        s.samples.push({ key, text, keyAt, mutatedAt, rafAt, afterFrameAt: performance.now() });
      };
      channel.port2.postMessage(null);
    });
  };
  const watch = (node) => {
    if (s.observer) s.observer.disconnect();
    s.observer = new MutationObserver(check);
    s.observer.observe(node, { subtree: true, childList: true, characterData: true });
  };
  window.addEventListener("keydown", (e) => {
    s.keyAt = performance.now();
    s.key = e.key;
    s.baseline = countText();
    s.pending = true;
  }, true);
  s.arm = () => {
    const el = countEl();
    watch(el && el.parentNode ? el.parentNode : document);
    s.pending = false;
    return s.samples.length;
  };
  s.count = () => digits(countText());
  window.__bench = s;
  watch(document);
})();`;
}
