"use client";

import { createLazyMessages } from "@/components/lazy-messages";

/** The rules editor's words and the field-error words come with the dialogs that use them, not with the page. */
const rulesMessages = createLazyMessages({
  en: () => Promise.all([import("./rules/messages/en.json"), import("@/lib/validation/messages/en.json")]).then(([r, v]) => ({ AccessControlRules: r.default, Validation: v.default })),
  "zh-CN": () => Promise.all([import("./rules/messages/zh-CN.json"), import("@/lib/validation/messages/zh-CN.json")]).then(([r, v]) => ({ AccessControlRules: r.default, Validation: v.default })),
});

export const preloadRulesMessages = rulesMessages.preload;
export const withRulesMessages = rulesMessages.withMessages;
