import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import { Logger4jInstance } from "@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger";
import { onTestFinished, vi } from "vitest";

export interface HuaweiSdkCall {
  method: string;
  url: string;
  pathParams?: Record<string, string>;
  queryParams?: Record<string, string | number>;
  data?: unknown;
}

/** The official core client pointed at an emulator listener (projectId set: no IAM lookup). */
export function huaweiSdkClient(endpoint: string, ak: string, sk: string, projectId: string): HcClient {
  const cred = new BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId);
  return new ClientBuilder<HcClient>((c) => c).withEndpoint(endpoint).withCredential(cred).build();
}

export async function hcSend(client: HcClient, c: HuaweiSdkCall): Promise<Record<string, unknown> & { httpStatusCode?: number }> {
  const options = {
    method: c.method, url: c.url, pathParams: c.pathParams ?? {}, queryParams: c.queryParams ?? {}, headers: {},
    contentType: "application/json", data: c.data,
  };
  return (await client.sendRequest(options as never)) as Record<string, unknown> & { httpStatusCode?: number };
}

/**
 * For a test that expects a call to fail: the SDK logs every failure with its whole axios config (60
 * lines) straight to stdout, which buries real errors. Returns the muted logger so the test can check it.
 */
export function muteSdkErrorLog() {
  const spy = vi.spyOn(Logger4jInstance, "error").mockImplementation(() => undefined);
  onTestFinished(() => spy.mockRestore());
  return spy;
}
