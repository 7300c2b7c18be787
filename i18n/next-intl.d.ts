import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "./catalogs";

// Message keys and locales are checked by the compiler: t("nav.overveiw") does not build.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
