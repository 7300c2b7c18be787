import { invalidArgument } from "@/lib/providers/errors";

/**
 * Path-parameter formats from the TaurusDB API reference. Checking them before sending keeps
 * malformed ids (or path injection) from ever reaching the gateway.
 */
export const PROJECT_ID = /^[A-Za-z0-9]{32}$/;
export const TAURUS_INSTANCE_ID = /^[A-Za-z0-9]{32}in07$/;
export const TAURUS_PROXY_ID = /^[A-Za-z0-9]{32}po01$/;
/** DDS publishes no format (examples end in "in02"); only the character set is enforced. */
export const DDS_INSTANCE_ID = /^[A-Za-z0-9]{8,64}$/;

export function assertId(service: string, action: string, name: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) {
    throw invalidArgument("huawei", service, action, `${name} has an invalid format`);
  }
  return value;
}
