import type { EmuContext } from "../context";
import type { InstanceKeys } from "./instance-keys";

/** One MariaDB action call, after authentication, version, region and rate checks. */
export interface MariaCall {
  ctx: EmuContext;
  /** X-TC-Region; undefined only for an action that does not need it (CreateAccount, seed 003). */
  region: string | undefined;
  /** The action parameters: the JSON body of a POST, or the form-encoded query of a GET. */
  params: Record<string, unknown>;
  keys: InstanceKeys;
}
