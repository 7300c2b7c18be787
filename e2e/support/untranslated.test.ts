import { describe, expect, it } from "vitest";
import { englishWords } from "./untranslated";

/* The zh-CN walk's detector must catch English and let codes, ids and names through. */
describe("englishWords", () => {
  it("finds the console's own words left in English", () => {
    expect(englishWords("Grant access")).toEqual(["Grant", "access"]);
    expect(englishWords("已连接 DMS；signed in")).toEqual(["signed", "in"]);
    expect(englishWords("未知的角色 “Super user”")).toEqual(["Super", "user"]);
  });

  it("lets codes, ids, addresses, product names and a quoted entered value through", () => {
    expect(englishWords("代码 Forbidden.RAM，请求 ID 4F2A-99")).toEqual([]);
    expect(englishWords("admin@example.com · dms-proxy:1203/user:17 · https://dms-enterprise.aliyuncs.com")).toEqual([]);
    expect(englishWords("已连接 cn-north-4 的 TaurusDB；已获取 IAM Token")).toEqual([]);
    expect(englishWords("_form: 不是有效的值 · roles.0: 未知的角色“superuser” · 通知 alt+T · GMT+1")).toEqual([]);
  });
});
