import loginEn from "@/app/(auth)/login/messages/en.json";
import loginZh from "@/app/(auth)/login/messages/zh-CN.json";
import cloudAccountsEn from "@/app/(console)/cloud-accounts/messages/en.json";
import cloudAccountsZh from "@/app/(console)/cloud-accounts/messages/zh-CN.json";
import auditEn from "@/app/(console)/audit/messages/en.json";
import auditZh from "@/app/(console)/audit/messages/zh-CN.json";
import jobsEn from "@/app/(console)/jobs/messages/en.json";
import jobsZh from "@/app/(console)/jobs/messages/zh-CN.json";
import proxyAccessesEn from "@/app/(console)/proxy-accesses/messages/en.json";
import proxyAccessesZh from "@/app/(console)/proxy-accesses/messages/zh-CN.json";
import accessControlEn from "@/app/(console)/access-control/messages/en.json";
import accessControlZh from "@/app/(console)/access-control/messages/zh-CN.json";
import accessControlRulesEn from "@/app/(console)/access-control/rules/messages/en.json";
import accessControlRulesZh from "@/app/(console)/access-control/rules/messages/zh-CN.json";
import accountsEn from "@/app/(console)/accounts/messages/en.json";
import accountsZh from "@/app/(console)/accounts/messages/zh-CN.json";
import accountsFormsEn from "@/app/(console)/accounts/forms/messages/en.json";
import accountsFormsZh from "@/app/(console)/accounts/forms/messages/zh-CN.json";
import usersEn from "@/app/(console)/users/messages/en.json";
import usersZh from "@/app/(console)/users/messages/zh-CN.json";
import overviewEn from "@/app/(console)/messages/en.json";
import overviewZh from "@/app/(console)/messages/zh-CN.json";
import shellEn from "@/lib/i18n/messages/en.json";
import shellZh from "@/lib/i18n/messages/zh-CN.json";
import errorsEn from "@/lib/actions/messages/en.json";
import errorsZh from "@/lib/actions/messages/zh-CN.json";
import validationEn from "@/lib/validation/messages/en.json";
import validationZh from "@/lib/validation/messages/zh-CN.json";
import auditMessagesEn from "@/lib/audit/messages/en.json";
import auditMessagesZh from "@/lib/audit/messages/zh-CN.json";
import vendorErrorsEn from "@/lib/providers/messages/en.json";
import vendorErrorsZh from "@/lib/providers/messages/zh-CN.json";
import { GLOBAL_ERROR_WORDS } from "@/lib/i18n/global-error-words";
import type { Locale } from "@/lib/i18n/locale";

/*
 * Every message catalog, by namespace. Shared shell and component strings live in
 * lib/i18n/messages; each feature keeps its own beside its route and is listed here once. The
 * plain-language vendor errors (VendorErrors) sit beside lib/providers/error-messages.ts, which picks them.
 * English is the reference: the parity test holds every other language to its keys and placeholders.
 */
export const CATALOGS = {
  en: { Shell: shellEn, Validation: validationEn, Errors: errorsEn, Login: loginEn, Overview: overviewEn, CloudAccounts: cloudAccountsEn, Users: usersEn, Audit: auditEn, Jobs: jobsEn, ProxyAccesses: proxyAccessesEn, AccessControl: accessControlEn, AccessControlRules: accessControlRulesEn, Accounts: accountsEn, AccountsForms: accountsFormsEn, VendorErrors: vendorErrorsEn, AuditMessages: auditMessagesEn, GlobalError: GLOBAL_ERROR_WORDS.en },
  "zh-CN": { Shell: shellZh, Validation: validationZh, Errors: errorsZh, Login: loginZh, Overview: overviewZh, CloudAccounts: cloudAccountsZh, Users: usersZh, Audit: auditZh, Jobs: jobsZh, ProxyAccesses: proxyAccessesZh, AccessControl: accessControlZh, AccessControlRules: accessControlRulesZh, Accounts: accountsZh, AccountsForms: accountsFormsZh, VendorErrors: vendorErrorsZh, AuditMessages: auditMessagesZh, GlobalError: GLOBAL_ERROR_WORDS["zh-CN"] },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof CATALOGS)["en"];
export type Namespace = keyof Messages;

/** Namespaces every client component may use (the shell); a page adds its own feature's, and Validation where it shows a form. */
export const CLIENT_SHARED: Namespace[] = ["Shell"];
