import { diffRules, rulesFingerprint, type RuleEntry, type RuleType } from "./rules";

/*
 * A proxy's access control as the console reasons about it: exposure, fingerprints and what
 * changed between two reads. Pure, shared by the collector, the changes and their tests.
 */

export interface AccessState {
  open: boolean;
  type: RuleType;
  ipList: RuleEntry[];
}

export type Exposure = "off" | "emptyBlacklist" | null;

/** Access control off lets every source IP connect; so does a blacklist with nothing on it. */
export function exposureOf(state: AccessState | null): Exposure {
  if (!state) return null;
  if (!state.open) return "off";
  if (state.type === "black" && state.ipList.length === 0) return "emptyBlacklist";
  return null;
}

/** On with an empty whitelist: nobody can connect. Asked twice before the console makes it so. */
export function shutsEveryoneOut(state: AccessState): boolean {
  return state.open && state.type === "white" && state.ipList.length === 0;
}

export function stateFingerprint(state: AccessState | null): string {
  return state ? `${state.open ? "on" : "off"}|${rulesFingerprint({ type: state.type, ipList: state.ipList })}` : "unread";
}

export type ChangedField = "switch" | "type" | "rules";

/** What differs between two reads, in the words the row and the audit entry use. */
export function changedFields(before: AccessState, after: AccessState): ChangedField[] {
  const fields: ChangedField[] = [];
  if (before.open !== after.open) fields.push("switch");
  if (before.type !== after.type) fields.push("type");
  const d = diffRules({ type: before.type, ipList: before.ipList }, { type: after.type, ipList: after.ipList });
  if (before.type === after.type && (d.added.length || d.removed.length || d.changed.length)) fields.push("rules");
  return fields;
}
