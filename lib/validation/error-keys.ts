import type english from "./messages/en.json";

/** A message of the Validation catalog (lib/validation/messages). Types only: no catalog ships from here. */
export type ValidationKey = keyof typeof english;

/** Words for a key in one language: next-intl's t for the Validation namespace fits. */
export type ValidationTranslator = (key: ValidationKey, values?: Record<string, string | number>) => string;
