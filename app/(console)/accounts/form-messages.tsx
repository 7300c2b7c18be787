"use client";

import { createLazyMessages } from "@/components/lazy-messages";

/** The account forms' words and the field-error words come with the dialogs that use them, not with the page. */
const formMessages = createLazyMessages({
  en: () => Promise.all([import("./forms/messages/en.json"), import("@/lib/validation/messages/en.json")]).then(([f, v]) => ({ AccountsForms: f.default, Validation: v.default })),
  "zh-CN": () => Promise.all([import("./forms/messages/zh-CN.json"), import("@/lib/validation/messages/zh-CN.json")]).then(([f, v]) => ({ AccountsForms: f.default, Validation: v.default })),
});

export const preloadFormMessages = formMessages.preload;
export const withFormMessages = formMessages.withMessages;
