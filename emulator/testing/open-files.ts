import fs from "node:fs";
import path from "node:path";

/** Whether this system exposes open files under /proc (Linux); elsewhere the callers skip that check. */
export const canListOpenFiles = fs.existsSync("/proc/self/fd");

/** Pids of this user's processes that hold `file` open: for the journal, the process that owns the store. */
export function pidsHoldingOpen(file: string): number[] {
  const target = fs.realpathSync(file);
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(path.join("/proc", entry, "fd"));
    } catch {
      continue; // another user's process, or gone
    }
    const holds = fds.some((fd) => {
      try {
        return fs.readlinkSync(path.join("/proc", entry, "fd", fd)) === target;
      } catch {
        return false;
      }
    });
    if (holds) pids.push(Number(entry));
  }
  return pids;
}
