/**
 * The ProxyAccesses message groups the page needs before a list is open: the scope pickers and
 * their errors. page.tsx hands the browser only these; the list panel, the dialogs and the proxies
 * table load on demand and bring the whole catalog with them (full-messages.tsx). A plain module,
 * so the server page reads the list itself (an export of a "use client" module is only a reference there).
 */
export const FIRST_LOAD_GROUPS: readonly string[] = ["title", "eyebrow", "description", "noAccount", "proxyMissing", "loadError", "scope"];
