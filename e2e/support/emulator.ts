import { E2E } from "./env";

/** The emulator's admin API (emulator/README.md): the cloud's real state, the call log and faults. */

export interface EmuAccess {
  proxyAccessId: number;
  userId: number;
  userName: string;
  userUid: string;
  accessId: string;
  originInfo: string;
  gmtCreate: string;
}

export interface EmuUser {
  userId: number;
  nickName: string;
  state: string;
  roles: string[];
}

export async function emu<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E.emulatorAdmin}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

export const accessesOf = async (proxy: string) => (await emu<{ accesses: EmuAccess[] }>("GET", `/state/dms/proxies/${proxy}/accesses`)).accesses;
export const duplicates = async () => (await emu<{ duplicates: unknown[] }>("GET", "/state/dms/duplicates")).duplicates;
export const lastSeq = async () => (await emu<{ lastSeq: number }>("GET", "/calls")).lastSeq;
export const dmsCallsSince = async (action: string, seq: number) =>
  (await emu<{ calls: unknown[] }>("GET", `/calls?service=dms&action=${action}&since=${seq}`)).calls;

/** Enabled DMS users of a tenant who hold no access on the proxy yet. */
export async function freeUsers(tid: number, proxy: string): Promise<EmuUser[]> {
  const { users } = await emu<{ users: EmuUser[] }>("GET", `/state/dms/users?tid=${tid}`);
  const holders = new Set((await accessesOf(proxy)).map((a) => a.userId));
  return users.filter((u) => u.state === "NORMAL" && !holders.has(u.userId));
}
