import type { toast as sonnerToast } from "sonner";

type Notify = (...args: Parameters<typeof sonnerToast.success>) => void;

/*
 * The console's toasts. Sonner is fetched on first use (the <Toaster> fetches the same module after
 * hydration), so a component that may show a toast, such as the header's language switcher on
 * every page, does not put sonner into each page's first-load JavaScript.
 */
const later =
  (kind: "success" | "error"): Notify =>
  (...args) => {
    void import("sonner").then(({ toast }) => toast[kind](...args));
  };

export const toast = { success: later("success"), error: later("error") };
