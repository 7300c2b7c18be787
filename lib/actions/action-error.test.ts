import { describe, expect, it, vi } from "vitest";
import { actionError, localizedActionError } from "./action-error";
import { describeFailure } from "./failure";
import { ActionError } from "./result";

describe("expected failures in the reader's language", () => {
  it("carries English for logs and words the message and field errors again per language", () => {
    const error = actionError("alreadyGranted", { values: { name: "Ana", accessId: "42" }, code: "ALREADY_GRANTED", fieldErrors: { userId: ["alreadyGrantedField"] } });
    expect(error.message).toBe("Ana already has access through this proxy (access 42); nothing was created.");
    expect(error.options.fieldErrors).toEqual({ userId: ["Already has access through this proxy"] });
    expect(localizedActionError(error, "zh-CN")).toEqual({
      message: "Ana 已通过此代理获得访问权限（授权 42），未新建授权。",
      fieldErrors: { userId: ["已通过此代理获得访问权限"] },
    });
    expect(describeFailure(error, "test", "zh-CN")).toMatchObject({ ok: false, code: "ALREADY_GRANTED", formError: "Ana 已通过此代理获得访问权限（授权 42），未新建授权。" });
  });

  it("words a field's message with values of its own (which host, which address) in each language", () => {
    const error = actionError("endpointsNotAllowed", {
      fieldErrors: { endpoint: [{ key: "endpointResolvesInternal", values: { host: "dms.example", address: "10.0.0.8" } }], iamEndpoint: ["endpointNeedsCredentials"] },
    });
    expect(error.options.fieldErrors?.endpoint).toEqual(["dms.example resolves to the internal address 10.0.0.8; internal hosts must be listed in CLOUD_ENDPOINT_ALLOWED_HOSTS"]);
    expect(localizedActionError(error, "zh-CN").fieldErrors).toEqual({
      endpoint: ["dms.example 解析到内网地址 10.0.0.8；内网主机须列在 CLOUD_ENDPOINT_ALLOWED_HOSTS 中"],
      iamEndpoint: ["更改接入地址需要重新输入凭证：请勾选“更换凭证”"],
    });
  });

  it("uses ICU plurals, and keeps the text of an error made without catalog words", () => {
    expect(actionError("accountHasOpenWork", { values: { name: "prod", operations: 1, jobs: 2 } }).message).toMatch(/^prod still has 1 unsettled change and 2 running bulk grants\./);
    expect(localizedActionError(new ActionError("plain"), "zh-CN").message).toBe("plain");
  });

  it("hides an unexpected error behind a reference in either language", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failure = describeFailure(new Error("boom"), "test", "zh-CN");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(failure.formError).toContain(`参考编号 ${failure.ref}`);
  });
});
