import { eq, sql } from "drizzle-orm";
import type { DB } from "@/lib/db/client";
import { revokedSessions, userResources, users } from "@/lib/db/schema";
import { isRole, type Principal, type Role } from "./permissions";

export interface Actor extends Principal {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  resources: ReadonlySet<string>;
  /** The language the user saved, if any (see lib/i18n/locale.ts). */
  locale?: string | null;
}

export interface SessionClaim {
  userId: string;
  sessionVersion: number;
  sessionId: string;
}

/**
 * The user a session claims to be, as the database says right now: null when the user is gone or
 * disabled, their session version moved on (password reset, roles changed by an admin), or this
 * session was signed out. Every request pays it, so the user, whether the session is revoked and
 * the resources they own come back in one statement rather than three round trips.
 */
export async function loadActor(db: DB, claim: SessionClaim): Promise<Actor | null> {
  const [row] = await db
    .select({
      user: users,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${claim.sessionId} and ${revokedSessions.expiresAt} > now())`,
      resources: sql<string[]>`array(select ${userResources.resource} from ${userResources} where ${userResources.userId} = ${users.id})`,
    })
    .from(users)
    .where(eq(users.id, claim.userId))
    .limit(1);
  if (!row) return null;
  const { user } = row;
  if (user.disabled || user.sessionVersion !== claim.sessionVersion || row.revoked) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.filter(isRole),
    resources: new Set(row.resources ?? []),
    locale: user.locale ?? null,
  };
}
