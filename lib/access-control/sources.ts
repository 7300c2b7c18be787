import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { canAny } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { cloudAccounts, taurusSources } from "@/lib/db/schema";
import { connectionOf } from "@/lib/dal/cloud-accounts";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createHuaweiProjectsClient } from "@/lib/providers/factory";
import { vendorErrorInfo, type VendorErrorInfo } from "./collect";
import type { ProjectRef } from "./connection";

/*
 * The sources of the access-control page: every Huawei cloud account, and each project its
 * credential reaches (IAM's project list, cached for a while per account; the account's own
 * project when that list cannot be read, with the reason on the source).
 */

export interface SourceDto {
  accountId: string;
  accountName: string;
  projectId: string;
  region: string;
  /** The account's own project (the one its settings name). */
  home: boolean;
  collectedAt: string | null;
  error: VendorErrorInfo | null;
  /** Why only the home project is listed (IAM refused the project list). */
  projectsError: VendorErrorInfo | null;
}

type AccountRow = typeof cloudAccounts.$inferSelect;

const PROJECTS_TTL_MS = 10 * 60_000;
const g = globalThis as unknown as { __taurusProjects?: Map<string, { at: number; projects: ProjectRef[]; error: VendorErrorInfo | null }> };
const projectCache = (g.__taurusProjects ??= new Map());

export function homeProject(row: AccountRow): ProjectRef {
  return { projectId: String((row.settings as Record<string, unknown>).projectId ?? ""), region: row.region };
}

/** The projects the account's credential reaches, home first. */
export async function projectsOf(row: AccountRow): Promise<{ projects: ProjectRef[]; error: VendorErrorInfo | null }> {
  const cached = projectCache.get(row.id);
  if (cached && Date.now() - cached.at < PROJECTS_TTL_MS && cached.at >= row.updatedAt.getTime()) return cached;
  const home = homeProject(row);
  let result: { projects: ProjectRef[]; error: VendorErrorInfo | null };
  try {
    const { projects } = await createHuaweiProjectsClient(connectionOf(row), pacedClientOptions()).listAuthProjects();
    const others = projects.filter((p) => p.id !== home.projectId).map((p) => ({ projectId: p.id, region: p.region }));
    result = { projects: [home, ...others.sort((a, b) => a.region.localeCompare(b.region))], error: null };
  } catch (error) {
    result = { projects: [home], error: vendorErrorInfo(error) };
  }
  projectCache.set(row.id, { at: Date.now(), ...result });
  return result;
}

export async function huaweiAccounts(): Promise<AccountRow[]> {
  const db = await getDb();
  return db.select().from(cloudAccounts).where(eq(cloudAccounts.vendor, "huawei")).orderBy(asc(sql`lower(${cloudAccounts.name})`));
}

/** Every source the actor's page reads. Owners see every account's sources; their rows are filtered to their instances. */
export async function listSources(actor: Actor): Promise<SourceDto[]> {
  if (!canAny(actor, "accessControl:read")) return [];
  const db = await getDb();
  const accounts = await huaweiAccounts();
  const stored = await db.select().from(taurusSources);
  const byKey = new Map(stored.map((s) => [`${s.cloudAccountId}:${s.projectId}`, s]));
  const out: SourceDto[] = [];
  for (const account of accounts) {
    const { projects, error } = await projectsOf(account);
    for (const p of projects) {
      const s = byKey.get(`${account.id}:${p.projectId}`);
      out.push({
        accountId: account.id,
        accountName: account.name,
        projectId: p.projectId,
        region: p.region,
        home: p.projectId === homeProject(account).projectId,
        collectedAt: s?.collectedAt?.toISOString() ?? null,
        error: s?.error ?? null,
        projectsError: error,
      });
    }
  }
  return out;
}
