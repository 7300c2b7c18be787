/** "all" instances, or the DMS instance ids the viewer owns (from the permission matrix, on the server). */
export type Allowed = "all" | string[];

export interface AllowedActions {
  grant: Allowed;
  revoke: Allowed;
  revealSecret: Allowed;
}

/** Whether to show a control; the server action checks the same again. */
export function mayOn(allowed: Allowed, instanceId: string): boolean {
  return allowed === "all" || allowed.includes(instanceId);
}
