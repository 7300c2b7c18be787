import { describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import type { TaurusApi } from "@/lib/providers/huawei/taurus";
import { memoOf } from "./ledger";
import { taurusRules, taurusSwitch } from "./taurus-access-control";

/* The switch and set-rules kinds: a lost answer is settled by reading the proxy back. */

const lost = () => new ProviderError({ vendor: "huawei", service: "taurusdb", action: "SwitchAccessControl", kind: "network", code: "NetworkError", retryable: true });
const refused = () => new ProviderError({ vendor: "huawei", service: "taurusdb", action: "SwitchAccessControl", kind: "vendor", code: "DBS.200019", httpStatus: 400 });

const params = {
  accountId: "00000000-0000-4000-8000-000000000001",
  projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  region: "cn-north-4",
  instanceId: "5f1c0e2a9b7d4c3e8a6b1d2f3e4c5a6bin07",
  instanceName: "orders",
  proxyId: "a1b2c3d4e5f60718293a4b5c6d7e8f90po01",
  proxyName: "proxy-rw",
  before: { open: true, type: "white" as const, ipList: [] },
  restoreOf: null,
};

function client(over: Partial<TaurusApi>, state: { enabled: boolean; type: "white" | "black"; ipList: { ip: string; description?: string }[] }): TaurusApi {
  return { getAccessControl: async () => ({ ...state, groupId: "g", groupName: "n", requestId: "r" }), ...over } as unknown as TaurusApi;
}
const ctx = (c: TaurusApi) => ({ client: c, memo: memoOf() });

describe("taurus access-control kinds", () => {
  it("a switch whose answer was lost but is in effect succeeds, confirmed by the read", async () => {
    const c = client({ switchAccessControl: async () => Promise.reject(lost()) }, { enabled: false, type: "white", ipList: [] });
    await expect(taurusSwitch.execute({ ...params, open: false }, ctx(c), {})).resolves.toMatchObject({ result: { open: false, confirmedByRead: true } });
  });

  it("a switch whose answer was lost and is not in effect stays unknown", async () => {
    const c = client({ switchAccessControl: async () => Promise.reject(lost()) }, { enabled: true, type: "white", ipList: [] });
    await expect(taurusSwitch.execute({ ...params, open: false }, ctx(c), {})).rejects.toMatchObject({ outcomeUnknown: true });
  });

  it("a definite refusal is not second-guessed", async () => {
    const c = client({ switchAccessControl: async () => Promise.reject(refused()) }, { enabled: false, type: "white", ipList: [] });
    await expect(taurusSwitch.execute({ ...params, open: false }, ctx(c), {})).rejects.toMatchObject({ code: "DBS.200019", outcomeUnknown: false });
  });

  it("rules reconcile by comparing ranges, not spellings or order", async () => {
    const c = client({}, { enabled: true, type: "white", ipList: [{ ip: "10.0.0.1/32" }, { ip: "10.1.0.0/16" }] });
    const p = { ...params, type: "white" as const, ipList: [{ ip: "10.1.0.0/16", description: "" }, { ip: "10.0.0.1", description: "" }] };
    await expect(taurusRules.reconcile(p, ctx(c))).resolves.toMatchObject({ happened: true });
    await expect(taurusRules.reconcile({ ...p, type: "black" }, ctx(c))).resolves.toEqual({ happened: false });
  });
});
