import { describe, expect, it } from "vitest";
import { codeKey, DOCUMENTED_CODES, userMessageFor, vendorErrorMessageRef } from "@/lib/providers/error-messages";
import en from "@/lib/providers/messages/en.json";
import zh from "@/lib/providers/messages/zh-CN.json";
import { ProviderError } from "@/lib/providers/errors";
import type { Vendor } from "@/lib/providers/types";

/** Every code listed in docs/providers.md (sections 1.3-1.4, 2.5, 3.3-3.5, 4.2-4.3, 5.4-5.5). */
const DOCUMENTED = {
  alibaba: [
    "MissingParameter", "InvalidParameter", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive",
    "InvalidTimeStamp.Format", "InvalidTimeStamp.Expired", "SignatureNonceUsed", "SignatureDoesNotMatch",
    "IncompleteSignature", "Throttling", "Throttling.User", "Throttling.Api", "InvalidApi.NotFound", "Forbidden.RAM",
    "InternalError", "ServiceUnavailable", "UnknownError", "InvalidTid", "MissingProxyId", "TenantNotExist",
  ],
  tencent: [
    "FailedOperation.CreateUserFailed", "FailedOperation.OssOperationFailed", "InternalError.CamAuthFailed",
    "InternalError.DbOperationFailed", "InternalError.GetUserListFailed", "InvalidParameter.CharacterError",
    "InvalidParameter.GenericParameterError", "InvalidParameterValue.AccountAlreadyExists",
    "InvalidParameterValue.SuperUserForbidden", "ResourceUnavailable.InstanceAlreadyDeleted",
    "ResourceUnavailable.InstanceHasBeenLocked", "ResourceUnavailable.InstanceStatusAbnormal",
    "UnauthorizedOperation.PermissionDenied", "UnsupportedOperation.OldProxyVersion", "FailedOperation.DeleteUserFailed",
    "FailedOperation.ResetPasswordFailed", "FailedOperation.ModifyRightFailed", "InternalError.GetRightFailed",
    "InvalidParameterValue.BadUserRight", "InvalidParameterValue.IllegalRightParam",
    "AuthFailure.SignatureExpire", "AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound",
    "AuthFailure.InvalidSecretId", "AuthFailure.TokenFailure", "AuthFailure.MFAFailure",
    "AuthFailure.UnauthorizedOperation", "AuthFailure.InvalidAuthorization", "InvalidAction", "InvalidParameter",
    "InvalidParameterValue", "MissingParameter", "UnknownParameter", "NoSuchVersion", "UnsupportedProtocol",
    "UnsupportedRegion", "UnsupportedOperation", "DryRunOperation", "LimitExceeded", "RequestLimitExceeded",
    "ResourceInUse", "ResourceInsufficient", "ResourceNotFound", "ResourceUnavailable", "FailedOperation",
    "InternalError", "UnauthorizedOperation", "LimitExceeded.TooFrequentlyCalled", "ResourceNotFound.AccountDoesNotExist",
    "ResourceNotFound.InstanceNotFound", "ResourceNotFound.NoInstanceFound", "InvalidParameter.InstanceNotFound",
    "InvalidParameter.PermissionDenied",
  ],
  huawei: ["DBS.200022", "DBS.05000000", "DBS.201028", "DBS.200932", "DBS.200001", "APIGW.0301", "APIGW.0302", "APIGW.0303", "IAM.401"],
} as const;

describe("plain-language error messages", () => {
  const cases = (Object.entries(DOCUMENTED) as [Vendor, readonly string[]][]).flatMap(([vendor, codes]) =>
    codes.map((code) => [vendor, code] as const),
  );
  it.each(cases)(
    "%s %s has its own message",
    (vendor, code) => {
      expect(DOCUMENTED_CODES[vendor][code]).toBeTruthy();
      expect(userMessageFor(vendor, code)).toBe(DOCUMENTED_CODES[vendor][code]);
    },
  );

  it("uses the agreed wording for AccountAlreadyExists", () => {
    expect(userMessageFor("tencent", "InvalidParameterValue.AccountAlreadyExists")).toBe(
      "An account with this name and host already exists on this instance.",
    );
  });

  it("falls back by code family, then HTTP status, then a generic message", () => {
    expect(userMessageFor("alibaba", "MissingUserId")).toContain("UserId");
    expect(userMessageFor("alibaba", "Throttling.Tenant")).toBe(DOCUMENTED_CODES.alibaba.Throttling);
    expect(userMessageFor("tencent", "ResourceNotFound.Whatever")).toBe(DOCUMENTED_CODES.tencent.ResourceNotFound);
    expect(userMessageFor("huawei", "APIG.0301")).toBe(DOCUMENTED_CODES.huawei["APIGW.0301"]);
    expect(userMessageFor("huawei", "DBS.999999", 404)).toBe("The cloud resource was not found.");
    expect(userMessageFor("huawei", "DBS.999999", 400)).toBe("The cloud provider returned an error (DBS.999999).");
    expect(userMessageFor("alibaba", "RequestTimeout")).toBe(DOCUMENTED_CODES.common.RequestTimeout);
  });

  it("encodes codes as catalog keys without dots, one key per code", () => {
    expect(codeKey("Throttling.User")).toBe("Throttling_User");
    expect(codeKey("DBS.05000000")).toBe("DBS_05000000");
    for (const table of Object.values(DOCUMENTED_CODES)) for (const code of Object.keys(table)) expect(code).not.toContain("_");
  });

  it("has English and Chinese text for every documented code, the Chinese actually Chinese", () => {
    for (const group of ["common", "alibaba", "tencent", "huawei"] as const) {
      for (const key of Object.keys(en[group])) {
        const zhText = (zh[group] as Record<string, string>)[key];
        expect(zhText, `${group}.${key}`).toMatch(/[\u4e00-\u9fff]/);
        expect((en[group] as Record<string, string>)[key]).toMatch(/^[A-Z]/);
      }
    }
  });

  it("writes messages with plain {name} arguments only, so the English text needs no ICU formatter", () => {
    const all = (tree: unknown): string[] => (typeof tree === "string" ? [tree] : Object.values(tree as object).flatMap(all));
    for (const message of [...all(en), ...all(zh)]) expect(message).not.toMatch(/\{\s*\w+\s*,|'\{|<\w/);
  });

  it("names the message it chose, with its arguments", () => {
    expect(vendorErrorMessageRef({ vendor: "alibaba", code: "Throttling.User" })).toEqual({ key: "alibaba.Throttling_User", values: {} });
    expect(vendorErrorMessageRef({ vendor: "alibaba", code: "MissingUserId" })).toEqual({ key: "family.alibabaMissing", values: { name: "UserId" } });
    expect(vendorErrorMessageRef({ vendor: "huawei", code: "DBS.999999", httpStatus: 503 })).toEqual({ key: "status.serverError", values: {} });
    expect(vendorErrorMessageRef({ vendor: "tencent", code: "Nope.Never", httpStatus: null })).toEqual({ key: "generic", values: { code: "Nope.Never" } });
    // Inherited object keys are not codes.
    expect(vendorErrorMessageRef({ vendor: "huawei", code: "constructor" })).toEqual({ key: "generic", values: { code: "constructor" } });
  });

  it("classifies retryable errors: throttling, 5xx, timeouts and network only", () => {
    const make = (code: string, httpStatus?: number, kind: "vendor" | "timeout" | "network" = "vendor") =>
      new ProviderError({ vendor: "tencent", service: "mariadb", action: "X", kind, code, httpStatus });
    expect(make("RequestLimitExceeded", 200).retryable).toBe(true);
    expect(make("LimitExceeded.TooFrequentlyCalled", 200).throttled).toBe(true);
    expect(make("LimitExceeded", 200).retryable).toBe(false);
    expect(make("HttpError", 503).retryable).toBe(true);
    expect(make("InternalError", 200).retryable).toBe(true);
    expect(make("InternalError.CamAuthFailed", 200).retryable).toBe(false);
    expect(make("RequestTimeout", undefined, "timeout").retryable).toBe(true);
    expect(make("NetworkError", undefined, "network").retryable).toBe(true);
    expect(make("AuthFailure.SignatureFailure", 200).retryable).toBe(false);
  });
});
