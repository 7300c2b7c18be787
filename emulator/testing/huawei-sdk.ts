import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";

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
