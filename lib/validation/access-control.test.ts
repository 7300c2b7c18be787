import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CATALOGS } from "@/i18n/catalogs";
import { errorMapFor } from "./server-error-map";
import {
  proxyRefInput,
  restoreAccessControlInput,
  ruleEntrySchema,
  setAccessControlRulesInput,
  switchAccessControlInput,
} from "./access-control";

const ref = {
  accountId: "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11",
  projectId: "0581b6b5f6a6491a9a6f4b7d3e1c2a90",
  instanceId: "61a4ea66210545909d74a05c27a7179ein07",
  proxyId: "e87088f0b6a345e79db19d57c41fde15po01",
};
const idempotencyKey = "3b0c7a52-2f0e-4e0b-9a61-6e9fcb0a8d12";
const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ ip: `10.${Math.floor(i / 256)}.${i % 256}.1`, description: "" }));

/** Field errors as the action wrapper reports them: dotted paths to messages. */
function fieldErrors(result: { success: boolean; error?: z.ZodError }) {
  const out: Record<string, string[]> = {};
  for (const i of result.error?.issues ?? []) (out[i.path.join(".") || "_form"] ??= []).push(i.message);
  return out;
}

describe("proxy reference", () => {
  it("accepts the vendor's documented id shapes", () => {
    expect(proxyRefInput.parse(ref)).toEqual(ref);
  });

  it("refuses ids of the wrong shape, naming each field", () => {
    const result = proxyRefInput.safeParse({
      accountId: "not-a-uuid",
      projectId: "0581b6b5f6a6491a9a6f4b7d3e1c2a9",
      instanceId: "61a4ea66210545909d74a05c27a7179epo01",
      proxyId: "e87088f0b6a345e79db19d57c41fde15in07",
    });
    expect(fieldErrors(result)).toEqual({
      accountId: ["Choose a cloud account"],
      projectId: ["The project id is 32 letters and digits"],
      instanceId: ["The instance id is 32 letters and digits followed by in07"],
      proxyId: ["The proxy id is 32 letters and digits followed by po01"],
    });
    expect(proxyRefInput.safeParse({ ...ref, proxyId: "../e87088f0b6a345e79db19d57c41fpo01" }).success).toBe(false);
  });
});

describe("switch access control", () => {
  it("defaults the empty-whitelist confirmation to false", () => {
    expect(switchAccessControlInput.parse({ ...ref, open: true, idempotencyKey })).toEqual({ ...ref, open: true, idempotencyKey, confirmEmptyWhitelist: false });
  });

  it("asks for a fresh form when the key is missing", () => {
    expect(fieldErrors(switchAccessControlInput.safeParse({ ...ref, open: false }))).toEqual({ idempotencyKey: ["Reload the form and try again"] });
  });
});

describe("rule entries", () => {
  it("trims the address and description and defaults the description to empty", () => {
    expect(ruleEntrySchema.parse({ ip: " 10.0.0.0/16 " })).toEqual({ ip: "10.0.0.0/16", description: "" });
    expect(ruleEntrySchema.parse({ ip: "2001:db8::1", description: "  lab  " })).toEqual({ ip: "2001:db8::1", description: "lab" });
  });

  it("words address problems from the Validation catalog", () => {
    const message = (ip: string) => ruleEntrySchema.safeParse({ ip }).error?.issues[0]?.message;
    expect(message("")).toBe("Enter an IP address or a CIDR range");
    expect(message("1.2.3")).toBe("Enter an IPv4 or IPv6 address, or a CIDR range such as 10.0.0.0/16");
    expect(message("010.1.1.1")).toBe("Write the address without leading zeros: 10.1.1.1");
    expect(message("10.0.0.0/33")).toBe("The prefix after / is a whole number from 0 to 32");
    expect(message("fe80::1%eth0")).toBe("Leave out the zone (from % on); the proxy cannot use it");
    expect(message("10.0.0. 1")).toBe("Remove the spaces; an address has none");
  });

  it("bounds the description at 50 characters and refuses < >, line breaks and lone surrogates", () => {
    const message = (description: string) => ruleEntrySchema.safeParse({ ip: "10.0.0.1", description }).error?.issues.map((i) => i.message);
    expect(message("a".repeat(50))).toBeUndefined();
    expect(message("a".repeat(51))).toEqual(["At most 50 characters"]);
    expect(message("<b>")).toEqual(["The description must not contain < or >"]);
    expect(message("a\nb")).toEqual(["Remove the line break or tab at position 2 (U+000A); only printable text is allowed"]);
    expect(message("x\uDC00")?.[0]).toMatch(/unpaired surrogate U\+DC00/);
  });
});

describe("set access-control rules", () => {
  const input = (n: number) => ({ ...ref, type: "white", ipList: entries(n), idempotencyKey });

  it("accepts 0 and 300 entries and refuses 301 with an error on ipList", () => {
    expect(setAccessControlRulesInput.safeParse(input(0)).success).toBe(true);
    expect(setAccessControlRulesInput.parse(input(300)).ipList).toHaveLength(300);
    expect(fieldErrors(setAccessControlRulesInput.safeParse(input(301)))).toEqual({ ipList: ["At most 300 entries"] });
  });

  it("points each field error at its entry", () => {
    const result = setAccessControlRulesInput.safeParse({
      ...ref,
      type: "black",
      ipList: [{ ip: "10.0.0.1" }, { ip: "nope", description: "ok" }, { ip: "10.0.0.3", description: "a>b" }],
      idempotencyKey,
    });
    expect(Object.keys(fieldErrors(result))).toEqual(["ipList.1.ip", "ipList.2.description"]);
  });

  it("refuses an unknown type and keeps duplicates (they are warnings, not errors)", () => {
    expect(fieldErrors(setAccessControlRulesInput.safeParse({ ...input(0), type: "grey" }))).toEqual({ type: ["Choose whitelist or blacklist"] });
    const dup = setAccessControlRulesInput.parse({ ...input(0), ipList: [{ ip: "10.0.0.1" }, { ip: "10.0.0.1/32" }] });
    expect(dup.ipList).toHaveLength(2);
    expect(dup.confirmEmptyWhitelist).toBe(false);
  });

  it("speaks Chinese through the Chinese error map", () => {
    const result = setAccessControlRulesInput.safeParse({ ...input(0), ipList: [{ ip: "1.2.3" }] }, { error: errorMapFor("zh-CN") });
    expect(result.error?.issues[0]?.message).toBe(CATALOGS["zh-CN"].Validation.ipFormat);
  });
});

describe("restore access control", () => {
  it("needs the recorded operation's id", () => {
    expect(restoreAccessControlInput.parse({ ...ref, operationId: idempotencyKey, idempotencyKey })).toMatchObject({ confirmEmptyWhitelist: false });
    expect(fieldErrors(restoreAccessControlInput.safeParse({ ...ref, operationId: "12", idempotencyKey }))).toEqual({
      operationId: ["Unknown change; reload the page and try again"],
    });
  });
});
