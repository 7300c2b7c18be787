import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/components/api-json";
import type { HistoryItemDto } from "@/lib/access-control/history";
import type { LiveSourceDto, ProxyRowDto } from "@/lib/access-control/read";
import type { SourceDto } from "@/lib/access-control/sources";

/*
 * The page's queries: the stored rows and sources (from the database, at once), one live read
 * per source (the vendor, then stored), and a proxy's history. The live reads refresh every few
 * minutes while the tab is visible; a change refetches its own source.
 */

export const acKeys = {
  all: ["access-control"] as const,
  stored: () => [...acKeys.all, "stored"] as const,
  live: (account: string, project: string) => [...acKeys.all, "live", account, project] as const,
  history: (account: string, project: string, proxy: string) => [...acKeys.all, "history", account, project, proxy] as const,
};

export const storedQuery = () =>
  queryOptions({
    queryKey: acKeys.stored(),
    queryFn: ({ signal }) => getJson<{ sources: SourceDto[]; rows: ProxyRowDto[] }>("/api/access-control", {}, signal),
    staleTime: 5 * 60_000,
  });

export const liveQuery = (account: string, project: string) =>
  queryOptions({
    queryKey: acKeys.live(account, project),
    queryFn: ({ signal }) => getJson<LiveSourceDto>("/api/access-control/live", { account, project }, signal),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
    retry: 1,
  });

export const historyQuery = (ref: { accountId: string; projectId: string; instanceId: string; proxyId: string }) =>
  queryOptions({
    queryKey: acKeys.history(ref.accountId, ref.projectId, ref.proxyId),
    queryFn: ({ signal }) =>
      getJson<{ items: HistoryItemDto[] }>("/api/access-control/history", { account: ref.accountId, project: ref.projectId, instance: ref.instanceId, proxy: ref.proxyId }, signal).then((r) => r.items),
    staleTime: 0,
  });
