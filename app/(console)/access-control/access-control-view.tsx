"use client";

import { useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useEffect, useMemo, type ReactNode } from "react";
import { QueryError, useApiErrorText } from "@/components/query-error";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useUrlState } from "@/components/use-url-state";
import type { LiveSourceDto, ProxyRowDto } from "@/lib/access-control/read";
import type { SourceDto } from "@/lib/access-control/sources";
import { acKeys, liveQuery, storedQuery } from "./queries";
import { indexRows, mergeSources, parseViewState, serializeViewState, summarize, type ExposureFilter, type ViewState } from "./view-state";

// The table, its toolbar and dialogs are their own chunk, fetched right after hydration.
const loadPanel = () => import("./access-control-panel");
const AccessControlPanel = lazy(() => loadPanel().then((m) => ({ default: m.AccessControlPanel })));

export interface AccountOption {
  id: string;
  name: string;
}

const sourceKey = (s: { accountId: string; projectId: string }) => `${s.accountId}:${s.projectId}`;

/** Puts one proxy's row into every cached list that holds it (a change's answer, or its optimistic state). */
export function patchRow(client: QueryClient, row: ProxyRowDto) {
  client.setQueryData<LiveSourceDto>(acKeys.live(row.accountId, row.projectId), (live) =>
    live ? { ...live, rows: live.rows.map((r) => (r.key === row.key ? row : r)) } : live,
  );
  client.setQueryData<{ sources: SourceDto[]; rows: ProxyRowDto[] }>(acKeys.stored(), (stored) =>
    stored ? { ...stored, rows: stored.rows.map((r) => (r.key === row.key ? row : r)) } : stored,
  );
}

/**
 * Every TaurusDB proxy the viewer may see: first what the console last stored (at once), then
 * each source (account × project) read again from TaurusDB, replacing its rows as it answers.
 */
export function AccessControlView({ accounts }: { accounts: AccountOption[] }) {
  const t = useTranslations("AccessControl");
  const errorText = useApiErrorText();
  const client = useQueryClient();
  const [view, setView] = useUrlState<ViewState>(parseViewState, serializeViewState);
  const stored = useQuery(storedQuery());
  const sources = useMemo(() => stored.data?.sources ?? [], [stored.data]);
  const lives = useQueries({ queries: sources.map((s) => liveQuery(s.accountId, s.projectId)) });

  useEffect(() => {
    void loadPanel().then((m) => m.preloadPanelMessages());
  }, []);

  const liveStamp = lives.map((q) => q.dataUpdatedAt).join(",");
  const liveMap = useMemo(() => {
    const m = new Map<string, ProxyRowDto[]>();
    lives.forEach((q, n) => {
      const s = sources[n];
      if (s && q.data) m.set(sourceKey(s), q.data.rows);
    });
    return m;
    // lives is a new array each render; when each source last answered is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sources, liveStamp]);
  const rows = useMemo(() => indexRows(mergeSources(stored.data?.rows ?? [], liveMap)), [stored.data, liveMap]);
  const summary = useMemo(() => summarize(rows), [rows]);
  const allSettled = stored.isSuccess && lives.every((q) => !q.isFetching && (q.isSuccess || q.isError));
  const refreshing = lives.some((q) => q.isFetching);

  const refreshAll = useCallback(() => {
    void client.invalidateQueries({ queryKey: [...acKeys.all, "live"] });
  }, [client]);
  const refetchSource = useCallback(
    (account: string, project: string) => client.invalidateQueries({ queryKey: acKeys.live(account, project) }),
    [client],
  );
  const showOnly = (exposure: ExposureFilter) => setView({ exposure });

  if (stored.isError) return <QueryError error={stored.error} title={t("loadError.stored")} onRetry={() => void stored.refetch()} />;
  return (
    <div className="grid min-w-0 gap-4" data-testid="access-control-page" data-loaded={allSettled ? "true" : "false"} data-row-count={rows.length}>
      <section aria-label={t("summary.label")} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <SummaryCard label={t("summary.proxies")} value={summary.proxies} detail={t("summary.proxiesDetail", { instances: summary.instances })} testId="ac-total" onShow={() => showOnly("all")} showLabel={t("summary.showThese")} />
        <SummaryCard
          label={t("summary.exposed")}
          value={summary.exposed}
          detail={t("summary.exposedDetail", { off: summary.off, empty: summary.emptyBlacklist })}
          tone={summary.exposed ? "danger" : undefined}
          testId="ac-exposed"
          onShow={() => showOnly("exposed")}
          showLabel={t("summary.showThese")}
        />
        <SummaryCard label={t("summary.drift")} value={summary.drift} detail={t("summary.driftDetail")} tone={summary.drift ? "warning" : undefined} testId="ac-drift" onShow={() => showOnly("drift")} showLabel={t("summary.showThese")} />
        <SummaryCard label={t("summary.unread")} value={summary.unread} detail={t("summary.unreadDetail")} testId="ac-unread" onShow={() => showOnly("unread")} showLabel={t("summary.showThese")} />
      </section>
      <section aria-label={t("sources.label")} className="grid gap-1 text-xs text-muted-foreground" data-testid="ac-sources">
        {sources.map((s, n) => {
          const q = lives[n];
          const words = { account: s.accountName, region: s.region, name: (chunks: ReactNode) => <span translate="no">{chunks}</span> };
          return (
            <div key={sourceKey(s)} className="flex flex-wrap items-center gap-2" data-source={sourceKey(s)}>
              {q?.isFetching ? (
                <>
                  <Spinner className="size-3" />
                  <span>{t.rich("sources.reading", words)}</span>
                </>
              ) : q?.isError ? (
                <>
                  <span className="text-destructive" role="status">
                    {t.rich("sources.failed", { ...words, message: errorText(q.error) })}
                  </span>
                  <Button size="sm" variant="ghost" className="h-6 px-2 text-xs" onClick={() => void refetchSource(s.accountId, s.projectId)}>
                    {t("sources.retry")}
                  </Button>
                </>
              ) : q?.data ? (
                <span className="flex gap-1">
                  {t.rich("sources.readAt", words)}
                  <RelativeTime value={q.data.collectedAt} mode="relative" />
                </span>
              ) : (
                <span>{t.rich("sources.neverRead", words)}</span>
              )}
              {s.projectsError && s.home ? <span>{t.rich("sources.projectsFailed", { ...words, code: s.projectsError.code })}</span> : null}
            </div>
          );
        })}
      </section>
      {stored.isPending ? (
        <Skeleton className="h-72" />
      ) : (
        <Suspense fallback={<Skeleton className="h-72" />}>
          <AccessControlPanel accounts={accounts} rows={rows} view={view} setView={setView} refreshing={refreshing} onRefresh={refreshAll} refetchSource={refetchSource} />
        </Suspense>
      )}
    </div>
  );
}

function SummaryCard(p: { label: string; value: number; detail: string; tone?: "danger" | "warning"; testId: string; onShow: () => void; showLabel: string }) {
  const tone = p.tone === "danger" ? "border-destructive/50 text-destructive" : p.tone === "warning" ? "border-amber-500/50 text-amber-700 dark:text-amber-400" : "";
  return (
    <button
      type="button"
      onClick={p.onShow}
      title={p.showLabel}
      className={`grid gap-0.5 rounded-lg border bg-card p-3 text-left transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none ${tone}`}
      data-testid={p.testId}
    >
      <span className="text-xs font-medium text-muted-foreground">{p.label}</span>
      <span className="text-2xl font-semibold tabular-nums" data-value={p.value}>
        {p.value}
      </span>
      <span className="text-xs text-muted-foreground">{p.detail}</span>
    </button>
  );
}
