import type { StoredWords } from "@/lib/db/schema";
import type { cloudOperations } from "@/lib/db/schema";
import type { DmsApi } from "@/lib/providers/alibaba/dms";
import type { DdsApi } from "@/lib/providers/huawei/dds";
import type { TaurusApi } from "@/lib/providers/huawei/taurus";
import type { MariadbApi } from "@/lib/providers/tencent/mariadb";

export type OperationRow = typeof cloudOperations.$inferSelect;
export type OperationStatus = OperationRow["status"];

/** How an attempt ended, as written to the ledger row. */
export interface Settlement {
  status: Exclude<OperationStatus, "pending">;
  result?: Record<string, unknown> | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** A vendor's refusal: with errorCode and errorHttpStatus it is shown in the reader's language. */
  errorVendor?: string | null;
  errorHttpStatus?: number | null;
  /** The console's own error as catalog words (errorMessage keeps the English). */
  errorWords?: StoredWords | null;
  vendorRequestId?: string | null;
}

/**
 * The vendor clients an operation may need, opened for the operation's stored cloud account
 * (null when the account is gone or is of another vendor). A kind names the one it uses.
 */
export interface VendorClients {
  dms: (accountId: string) => Promise<DmsApi | null>;
  /** Tencent MariaDB in one region of a Tencent account: the operation's params name it (region). */
  mariadb: (accountId: string, params: Record<string, unknown>) => Promise<MariadbApi | null>;
  /** DDS of one project of a Huawei account: the operation's params name it (projectId, region). */
  dds: (accountId: string, params: Record<string, unknown>) => Promise<DdsApi | null>;
  /** TaurusDB of one project of a Huawei account: the operation's params name it (projectId, region). */
  taurus: (accountId: string, params: Record<string, unknown>) => Promise<TaurusApi | null>;
}

export interface KindContext<C> {
  client: C;
  signal?: AbortSignal;
  /** One reconcile pass shares reads through this (e.g. one proxy list for all its open grants). */
  memo<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** What a kind's call answered. */
export interface Executed {
  result: Record<string, unknown>;
  vendorRequestId: string | null;
}

/**
 * What really happened to a change whose answer was lost; null when the vendor cannot tell right
 * now. "unverifiable": no read of the vendor can ever tell (a password reset of a service that
 * lists no change time); the change is settled as failed with that said, rather than asked forever.
 */
export type Reconciled = { happened: true; result: Record<string, unknown> } | { happened: false } | { happened: "unverifiable" } | null;

/**
 * One kind of cloud change. HOW TO ADD ONE (TaurusDB switch, Tencent MariaDB account, DDS user…):
 * write a module that calls `defineOperationKind` with
 *  - `name` (stored in cloud_operations.kind, never renamed) and `client` (a key of VendorClients;
 *    add your vendor's client opener there and in lib/operations/deps.ts),
 *  - `lockKey`: the named thing the change must have to itself while it is at the vendor,
 *  - `execute`: the ONE place the vendor mutation is called (throw ProviderError as clients do),
 *  - `reconcile`: a read that tells whether the change is in effect (e.g. DescribeAccounts lists
 *    the account), used after a lost answer, a crash or a dead runner,
 *  - optionally `precheck` (settle without calling, e.g. "already has access"),
 * add the module to lib/operations/all-kinds.ts, then call `runOperation(kind, request, deps)`
 * from the data layer or a job. Claim, lock, lease, audit intent and outcome, retries of
 * transient refusals and reconciliation come from the ledger; a feature writes none of them.
 */
export interface OperationKind<P extends Record<string, unknown> = Record<string, unknown>, C = unknown, H = unknown> {
  name: string;
  client: keyof VendorClients;
  /** What audit messages call one change ("grant", "revoke") and the vendor ("DMS"). */
  noun: string;
  vendorName: string;
  /** Audit action of settlements the console makes itself (reconciliation, corrections). */
  reconcileAuditAction: string;
  lockKey(params: P): string;
  /** Runs under the lock before the intent is audited; a settlement here means nothing is sent. */
  precheck?(params: P, ctx: KindContext<C>, hint: H | undefined): Promise<Settlement | null>;
  /** `transient` holds what must never be stored (a password); it is gone after a crash. */
  execute(params: P, ctx: KindContext<C>, transient: Record<string, string | undefined>): Promise<Executed>;
  reconcile(params: P, ctx: KindContext<C>): Promise<Reconciled>;
  /** Whether two successful results are the same change (a late answer that agrees is no correction). */
  sameResult?(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean;
  /** Non-secret params for the console's own audit entries about a row (who, what). */
  auditParams(params: P, result: Record<string, unknown> | null): Record<string, unknown>;
}

export type AnyKind = OperationKind<Record<string, unknown>, unknown, unknown>;

const g = globalThis as unknown as { __operationKinds?: Map<string, AnyKind> };
const registry = (g.__operationKinds ??= new Map());

export function defineOperationKind<P extends Record<string, unknown>, C, H = unknown>(kind: OperationKind<P, C, H>): OperationKind<P, C, H> {
  registry.set(kind.name, kind as unknown as AnyKind);
  return kind;
}

/** The kind of a stored row; undefined for kinds this build does not know (nothing can settle them). */
export function kindOf(name: string): AnyKind | undefined {
  return registry.get(name);
}

export function registeredKinds(): string[] {
  return [...registry.keys()];
}
