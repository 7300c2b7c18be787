import { z } from "zod";
import { msg } from "./error-map";
import { LOCALES } from "@/lib/i18n/locale";

export const setLocaleInput = z.object({
  locale: z.enum(LOCALES, msg("notLanguage")),
});

export type SetLocaleInput = z.infer<typeof setLocaleInput>;
