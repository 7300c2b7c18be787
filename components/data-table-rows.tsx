"use client";

import { memo } from "react";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { ariaSort, nextSort, type DataTableColumn, type SortState } from "./data-table-sort";
import { Checkbox } from "./ui/checkbox";
import { cn } from "./ui/cn";

/* The memoised header and body rows of <DataTable>. Rows take only primitives and stable callbacks,
   so scrolling re-renders just the rows that enter the window. */

export const HEADER_HEIGHT = 36;

const alignClass = { left: "justify-start text-left", right: "justify-end text-right", center: "justify-center text-center" };

/* A pinned column sticks to the scroll area's right edge, opaque so scrolled cells pass beneath it. */
const PIN_CELL = "sticky right-0 z-[1] bg-card shadow-[-6px_0_6px_-6px_rgb(0_0_0/0.25)]";
const PIN_HEADER = "sticky right-0 z-[1] bg-muted";

export type RowProps<T> = {
  row: T;
  id: string;
  index: number;
  start: number;
  height: number;
  columns: readonly DataTableColumn<T>[];
  selectable: boolean;
  selected: boolean;
  highlighted: boolean;
  checkboxLabel: string;
  onToggle: (id: string, index: number, range: boolean) => void;
  className?: string;
};

function DataRowImpl<T>(props: RowProps<T>) {
  const { row, id, index, start, height, columns, selectable, selected, highlighted, checkboxLabel, onToggle, className } = props;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-state={selected ? "selected" : undefined}
      data-highlighted={highlighted ? "true" : undefined}
      className={cn(
        "absolute inset-x-0 top-0 grid grid-cols-(--dt-cols) border-b text-sm hover:bg-muted/50 data-[state=selected]:bg-primary/6",
        highlighted && "animate-row-flash",
        className,
      )}
      style={{ height, transform: `translateY(${start}px)` }}
    >
      {selectable ? (
        <div role="cell" className="flex items-center justify-center">
          <Checkbox
            checked={selected}
            aria-label={checkboxLabel}
            // React delivers checkbox changes from the click event, which carries shiftKey for range selection.
            onChange={(e) => onToggle(id, index, (e.nativeEvent as MouseEvent).shiftKey === true)}
          />
        </div>
      ) : null}
      {columns.map((col) => (
        <div
          key={col.id}
          role="cell"
          className={cn("flex min-w-0 items-center px-3", alignClass[col.align ?? "left"], col.pin && PIN_CELL, col.className)}
        >
          <div className="min-w-0 truncate">{col.cell(row)}</div>
        </div>
      ))}
    </div>
  );
}

export const DataRow = memo(DataRowImpl) as typeof DataRowImpl;

type HeaderProps<T> = {
  columns: readonly DataTableColumn<T>[];
  sort: SortState;
  onSortChange?: (sort: SortState) => void;
  selectable: boolean;
  selectionState: "none" | "some" | "all";
  rowCount: number;
  onToggleAll: () => void;
};

function HeaderRowImpl<T>({ columns, sort, onSortChange, selectable, selectionState, rowCount, onToggleAll }: HeaderProps<T>) {
  const t = useTranslations("Shell.common");
  return (
    <div role="rowgroup" className="sticky top-0 z-10 border-b bg-muted" style={{ height: HEADER_HEIGHT }}>
      <div role="row" aria-rowindex={1} className="grid h-full grid-cols-(--dt-cols)">
        {selectable ? (
          <div role="columnheader" className="flex items-center justify-center">
            <Checkbox
              checked={selectionState === "all"}
              indeterminate={selectionState === "some"}
              disabled={rowCount === 0}
              aria-label={t("selectAll", { count: rowCount })}
              onChange={onToggleAll}
            />
          </div>
        ) : null}
        {columns.map((col) => {
          const sortable = Boolean(col.sortValue && onSortChange);
          const dir = sort?.id === col.id ? sort.dir : null;
          const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ChevronsUpDown;
          return (
            <div
              key={col.id}
              role="columnheader"
              aria-sort={ariaSort(sort, col.id)}
              aria-label={col.headerLabel}
              className={cn(
                "flex min-w-0 items-center px-3 text-xs font-medium text-muted-foreground",
                alignClass[col.align ?? "left"],
                col.pin && PIN_HEADER,
              )}
            >
              {sortable ? (
                <button
                  type="button"
                  onClick={() => onSortChange?.(nextSort(sort, col.id))}
                  className={cn(
                    "-mx-1.5 flex min-w-0 items-center gap-1 rounded px-1.5 py-1 hover:bg-accent hover:text-foreground",
                    dir && "text-foreground",
                    col.align === "right" && "flex-row-reverse",
                  )}
                >
                  <span className="truncate">{col.header}</span>
                  <Icon className={cn("size-3.5 shrink-0", !dir && "opacity-50")} aria-hidden />
                </button>
              ) : (
                <span className="truncate">{col.header}</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export const HeaderRow = memo(HeaderRowImpl) as typeof HeaderRowImpl;
