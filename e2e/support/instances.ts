import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E } from "./env";

/*
 * Console instances a spec starts itself (beside the one Playwright manages), on a PostgreSQL
 * database of their own, so killing one cannot disturb the specs that run after it.
 */

export interface Instance {
  name: string;
  port: number;
  baseURL: string;
  child: ChildProcess;
  /** Milliseconds from spawn to a healthy /api/health. */
  startMs: number;
}

/** A sibling of the e2e database (same server, `<name>_two`), dropped and created afresh. */
export async function freshSiblingDatabase(suffix: string): Promise<string> {
  const base = new URL(process.env.E2E_DATABASE_URL ?? "");
  const name = `${base.pathname.replace(/^\//, "")}_${suffix}`;
  if (!/^\w+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  await adminSql(base, `drop database if exists ${name} with (force)`);
  await adminSql(base, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropSiblingDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  await adminSql(url, `drop database if exists ${url.pathname.replace(/^\//, "")} with (force)`);
}

async function adminSql(base: URL, sql: string) {
  const url = new URL(base);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * `next start` in a process group of its own: killing the group kills the real server, whatever
 * wrapper processes Next.js puts around it.
 */
export async function startInstance(name: string, port: number, databaseUrl: string): Promise<Instance> {
  const baseURL = `http://localhost:${port}`;
  const logFile = path.join(E2E.artifactsDir, `instance-${name}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, "a");
  const started = Date.now();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: process.cwd(),
    env: { ...process.env, ...E2E.consoleEnv, DATABASE_URL: databaseUrl, AUTH_URL: baseURL },
    detached: true,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}; see ${logFile}`);
    const up = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`instance ${name} did not start; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, port, baseURL, child, startMs: Date.now() - started };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes of an instance's group (pid and command line), read from /proc. */
export function processesOf(instance: Instance): { pid: number; cmd: string }[] {
  const group = instance.child.pid;
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the parenthesised name: state ppid pgrp ...
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== group) continue;
      found.push({ pid: Number(entry), cmd: fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim() });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** SIGKILL to every process of the instance, the server included; returns once they are gone. */
export async function killInstance(instance: Instance): Promise<void> {
  const pid = instance.child.pid;
  if (!pid || !groupAlive(pid)) return;
  process.kill(-pid, "SIGKILL");
  const deadline = Date.now() + 10_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pid)) throw new Error(`instance ${instance.name} survived SIGKILL`);
}

/** A normal stop (SIGTERM to the group), for cleaning up. */
export async function stopInstance(instance: Instance): Promise<void> {
  const pid = instance.child.pid;
  if (!pid || !groupAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  const deadline = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}
