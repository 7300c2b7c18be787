/** Zod-free, so client components can name vendors without shipping the schemas. */
export const VENDORS = ["alibaba", "tencent", "huawei"] as const;
export type VendorName = (typeof VENDORS)[number];
export const VENDOR_LABELS: Record<VendorName, string> = {
  alibaba: "Alibaba Cloud (DMS)",
  tencent: "Tencent Cloud (MariaDB)",
  huawei: "Huawei Cloud (TaurusDB, DDS)",
};
