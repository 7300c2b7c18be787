"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { DataRow, HEADER_HEIGHT, HeaderRow } from "./data-table-rows";
import { gridTemplate, minTableWidth, type DataTableColumn, type SortState } from "./data-table-sort";
import { cn } from "./ui/cn";

export type { DataTableColumn, SortDirection, SortState, SortValue } from "./data-table-sort";
export { nextSort, sortRows } from "./data-table-sort";

export type DataTableProps<T> = {
  /** Already filtered and sorted by the caller; the table only displays them. */
  rows: readonly T[];
  /** Keep this array stable (module constant or useMemo): a new array re-renders every visible row. */
  columns: readonly DataTableColumn<T>[];
  getRowId: (row: T) => string;
  /** Accessible name of the table, e.g. "Proxy accesses on proxy 1042". */
  label: string;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  /** Row selection is on when both are given. Ids of hidden (filtered-out) rows are kept untouched. */
  selected?: ReadonlySet<string>;
  onSelectedChange?: (next: Set<string>) => void;
  /** Accessible name of a row's checkbox ("Select alice@example.com"); defaults to "Select row N". */
  getRowLabel?: (row: T) => string;
  /** Scrolls this row into view (once per id) and flashes it. */
  highlightRowId?: string | null;
  /** Fixed row height in px (cells are single-line). Default 40. */
  rowHeight?: number;
  /** Maximum height of the scroll area: px or any CSS length. Default min(70vh, 44rem). */
  maxHeight?: number | string;
  /** Shown instead of rows when `rows` is empty (an <EmptyState>). */
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  overscan?: number;
  className?: string;
};

/** Keeps the latest value for stable callbacks without re-creating them (and re-rendering rows). */
function useLatest<V>(value: V) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * A virtualised, ARIA-labelled table for up to tens of thousands of rows: only the rows in view (plus
 * an overscan) are in the DOM, rows are memoised and fixed-height, and nothing here sorts or filters.
 */
export function DataTable<T>({
  rows,
  columns,
  getRowId,
  label,
  sort = null,
  onSortChange,
  selected,
  onSelectedChange,
  getRowLabel,
  highlightRowId,
  rowHeight = 40,
  maxHeight = "min(70vh, 44rem)",
  empty,
  rowClassName,
  overscan = 12,
  className,
}: DataTableProps<T>) {
  const t = useTranslations("Shell.common");
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectable = Boolean(selected && onSelectedChange);
  const selectedSet = selected ?? EMPTY_SET;

  const latest = useLatest({ rows, getRowId, selected: selectedSet, onSelectedChange });
  const lastToggled = useRef<number | null>(null);

  // Rows are fixed-height, so the virtualizer never measures DOM nodes; flushSync is off because React 19
  // warns when it runs during rendering, and scroll updates do not need it.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer instance is stable; rows read only plain values from it
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: { width: 1024, height: typeof maxHeight === "number" ? maxHeight : 640 },
    useFlushSync: false,
  });

  const selectionState = useMemo<"none" | "some" | "all">(() => {
    if (!selectable || rows.length === 0 || selectedSet.size === 0) return "none";
    const idOf = latest.current.getRowId;
    let count = 0;
    for (const row of rows) if (selectedSet.has(idOf(row))) count++;
    return count === 0 ? "none" : count === rows.length ? "all" : "some";
  }, [rows, selectedSet, selectable, latest]);

  const onToggle = useCallback(
    (id: string, index: number, range: boolean) => {
      const { rows: currentRows, getRowId: idOf, selected: current, onSelectedChange: emit } = latest.current;
      const next = new Set(current);
      const select = !current.has(id);
      const anchor = lastToggled.current;
      if (range && anchor !== null && anchor < currentRows.length) {
        const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
        for (let i = from; i <= to; i++) {
          const rowId = idOf(currentRows[i]!);
          if (select) next.add(rowId);
          else next.delete(rowId);
        }
      } else if (select) next.add(id);
      else next.delete(id);
      lastToggled.current = index;
      emit?.(next);
    },
    [latest],
  );

  const onToggleAll = useCallback(() => {
    const { rows: currentRows, getRowId: idOf, selected: current, onSelectedChange: emit } = latest.current;
    const next = new Set(current);
    const allSelected = currentRows.length > 0 && currentRows.every((r) => current.has(idOf(r)));
    for (const row of currentRows) {
      if (allSelected) next.delete(idOf(row));
      else next.add(idOf(row));
    }
    lastToggled.current = null;
    emit?.(next);
  }, [latest]);

  // Scroll to a highlighted row once per id, also when it only appears after the rows load.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!highlightRowId) {
      scrolledTo.current = null;
      return;
    }
    if (scrolledTo.current === highlightRowId) return;
    const index = rows.findIndex((r) => latest.current.getRowId(r) === highlightRowId);
    if (index < 0) return;
    scrolledTo.current = highlightRowId;
    virtualizer.scrollToIndex(index, { align: "center" });
  }, [highlightRowId, rows, virtualizer, latest]);

  const style = useMemo(
    () =>
      ({
        "--dt-cols": gridTemplate(columns, selectable),
        maxHeight,
      }) as CSSProperties,
    [columns, selectable, maxHeight],
  );
  const minWidth = useMemo(() => minTableWidth(columns, selectable), [columns, selectable]);

  const items = virtualizer.getVirtualItems();
  const isEmpty = rows.length === 0;

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1 + (isEmpty && empty ? 1 : 0)}
      aria-colcount={columns.length + (selectable ? 1 : 0)}
      // Focusable so keyboard users can scroll a table whose rows hold nothing focusable.
      tabIndex={0}
      className={cn("relative overflow-auto rounded-lg border bg-card [overflow-anchor:none]", className)}
      style={style}
    >
      <div style={{ minWidth }}>
        <HeaderRow
          columns={columns}
          sort={sort}
          onSortChange={onSortChange}
          selectable={selectable}
          selectionState={selectionState}
          rowCount={rows.length}
          onToggleAll={onToggleAll}
        />
        {isEmpty ? (
          empty ? (
            <div role="rowgroup">
              <div role="row" aria-rowindex={2}>
                <div role="cell" aria-colspan={columns.length + (selectable ? 1 : 0)}>
                  {empty}
                </div>
              </div>
            </div>
          ) : null
        ) : (
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const id = getRowId(row);
              return (
                <DataRow
                  key={id}
                  row={row}
                  id={id}
                  index={item.index}
                  start={item.start - HEADER_HEIGHT}
                  height={rowHeight}
                  columns={columns}
                  selectable={selectable}
                  selected={selectedSet.has(id)}
                  highlighted={id === highlightRowId}
                  checkboxLabel={getRowLabel ? t("select", { name: getRowLabel(row) }) : t("selectRow", { index: item.index + 1 })}
                  onToggle={onToggle}
                  className={rowClassName?.(row)}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

const EMPTY_SET: ReadonlySet<string> = new Set();
