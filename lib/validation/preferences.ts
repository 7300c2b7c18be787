import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locale";

export const setLocaleInput = z.object({
  locale: z.enum(LOCALES, { error: "Not a console language" }),
});

export type SetLocaleInput = z.infer<typeof setLocaleInput>;
