"use client";

import { createLazyMessages } from "@/components/lazy-messages";

/*
 * The page hands the browser only the messages its pickers need (FIRST_LOAD_GROUPS of
 * lazy-groups.ts, and no field-error words). The list panel with its dialogs and the proxies table
 * load on demand, and so do their words: the whole ProxyAccesses and Validation catalogs of the
 * reader's language come with them.
 */
const full = createLazyMessages({
  en: () => Promise.all([import("./messages/en.json"), import("@/lib/validation/messages/en.json")]).then(([p, v]) => ({ ProxyAccesses: p.default, Validation: v.default })),
  "zh-CN": () => Promise.all([import("./messages/zh-CN.json"), import("@/lib/validation/messages/zh-CN.json")]).then(([p, v]) => ({ ProxyAccesses: p.default, Validation: v.default })),
});

export const preloadFullMessages = full.preload;
export const withFullMessages = full.withMessages;
