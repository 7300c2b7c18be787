import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issue, msg, wordsFor } from "./error-map";
import { grantProxyAccessInput } from "./proxy-accesses";
import { createUserInput } from "./users";
import { englishErrorMap, errorMapFor } from "./server-error-map";

const chinese = errorMapFor("zh-CN");

function messages(schema: z.ZodType, input: unknown, error?: z.core.$ZodErrorMap) {
  const result = schema.safeParse(input, error ? { error } : undefined);
  const out: Record<string, string> = {};
  // The first issue of each field, as a form shows it.
  for (const i of result.error?.issues ?? []) out[i.path.join(".")] ??= i.message;
  return out;
}

describe("the per-locale zod error map", () => {
  const schema = z.object({
    name: z.string().trim().min(1, msg("enterName")).max(5),
    code: z.string().regex(/^\d+$/, msg("queueRequired")),
    items: z.array(z.string()).max(2),
    pick: z.enum(["a", "b"]),
    id: z.uuid(),
  });
  const bad = { name: "abcdefgh", code: "x", items: ["1", "2", "3"], pick: "c", id: "nope" };

  it("words every issue from its code and bounds, in English and in Chinese, with the same schema", () => {
    expect(messages(schema, bad, englishErrorMap)).toEqual({
      name: "At most 5 characters",
      code: "A queue is required",
      items: "At most 2 items",
      pick: "Choose one of the offered options",
      id: "Not a valid id",
    });
    expect(messages(schema, bad, chinese)).toEqual({
      name: "最多 5 个字符",
      code: "请指定队列",
      items: "最多 2 项",
      pick: "请从给出的选项中选择",
      id: "不是有效的 ID",
    });
  });

  it("uses a key named on the schema for its missing-value and bound issues alike", () => {
    expect(messages(schema, { ...bad, name: "  " }, chinese).name).toBe("请输入姓名");
    expect(messages(z.object({ n: z.string(msg("enterName")) }), {}, chinese).n).toBe("请输入姓名");
  });

  it("words refinements raised with issue(), at their path, with their values", () => {
    const refined = z.object({ a: z.string() }).superRefine((_, ctx) => ctx.addIssue(issue("tooManyUsers", { maximum: 7 }, ["a"])));
    expect(messages(refined, { a: "x" }, englishErrorMap).a).toBe("At most 7 users at once");
    expect(messages(refined, { a: "x" }, chinese).a).toBe("一次最多 7 个用户");
    expect(wordsFor(chinese, "textNul", { position: 3, code: "U+0000" })).toBe("请删除第 3 个字符处的 NUL 字符（U+0000）；只允许可打印文本");
  });

  it("gives a parse with no map of its own English, never zod's developer wording", () => {
    expect(messages(schema, bad).items).toBe("At most 2 items");
  });

  it("words the console's own schemas in the reader's language", () => {
    const grant = { accountId: "x", tenantId: "", proxyId: "12", userId: "a", reason: "ok", idempotencyKey: crypto.randomUUID(), indepAccount: "9x" };
    expect(messages(grantProxyAccessInput, grant, chinese)).toMatchObject({
      accountId: "请选择云账号",
      tenantId: "请选择租户",
      userId: "用户 ID 应为数字",
      reason: "请说明为什么需要此访问权限（至少 5 个字符）",
      indepAccount: "以字母开头；只能使用字母、数字、_ . 或 -",
    });
    const user = { email: "not-an-email", name: "Ana", roles: ["root"], resources: [] };
    expect(messages(createUserInput, user, chinese)).toMatchObject({ email: "请输入有效的邮箱地址", "roles.0": "未知的角色“root”" });
    expect(messages(createUserInput, user, englishErrorMap)).toMatchObject({ email: "Enter a valid email address", "roles.0": 'Unknown role "root"' });
  });
});
