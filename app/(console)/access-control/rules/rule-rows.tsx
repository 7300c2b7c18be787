"use client";

import { Plus, Trash2, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useDeferredValue, useId, useMemo, type ReactNode } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { DESCRIPTION_MAX, findWarnings, MAX_RULES, type RuleEntry, type RuleType } from "@/lib/access-control/rules";
import type { RulesFormInput } from "./rules-form";

/** A warning on one row, worded by the row: `n` is the 1-based entry it concerns. */
type RowNote =
  | { kind: "duplicate"; n: number; ip: string }
  | { kind: "covered"; n: number; ip: string }
  | { kind: "hostBits"; range: string }
  | { kind: "everything"; family: string };

const noteKey = (notes: readonly RowNote[]) => notes.map((n) => Object.values(n).join("|")).join("¦");

function notesByRow(entries: readonly RuleEntry[]): Map<number, RowNote[]> {
  const out = new Map<number, RowNote[]>();
  const add = (index: number, note: RowNote) => {
    const list = out.get(index);
    if (list) list.push(note);
    else out.set(index, [note]);
  };
  for (const w of findWarnings(entries)) {
    if (w.kind === "duplicate" || w.kind === "covered") add(w.index, { kind: w.kind, n: w.other + 1, ip: entries[w.other]?.ip.trim() ?? "" });
    else if (w.kind === "hostBits") add(w.index, { kind: "hostBits", range: w.suggestion });
    else add(w.index, { kind: "everything", family: w.family === "ipv4" ? "IPv4" : "IPv6" });
  }
  return out;
}

export interface RuleRowsProps {
  /** Field-array ids, one per row, in order. */
  ids: readonly string[];
  values: RulesFormInput["ipList"] | undefined;
  type: RuleType;
  register: UseFormRegister<RulesFormInput>;
  errors: FieldErrors<RulesFormInput>["ipList"];
  onAdd(): void;
  onRemove(index: number): void;
  onUseRange(index: number, range: string): void;
  disabled: boolean;
}

/** The entries of the list being edited: address and description per row, warnings under each, a live count. */
export function RuleRows({ ids, values, type, register, errors, onAdd, onRemove, onUseRange, disabled }: RuleRowsProps) {
  const t = useTranslations("AccessControlRules.editor");
  const baseId = useId();
  // Warnings trail the keystrokes a little on a full list; the rows themselves never wait.
  const deferred = useDeferredValue(values);
  const notes = useMemo(() => notesByRow((deferred ?? []).map((e) => ({ ip: e?.ip ?? "", description: e?.description ?? "" }))), [deferred]);
  const warned = notes.size;
  const count = ids.length;
  const listError = errors?.root?.message ?? errors?.message;

  return (
    <section aria-labelledby={`${baseId}-heading`} className="grid gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id={`${baseId}-heading`} className="text-sm font-medium">
          {t("entriesHeading")}
        </h4>
        <p aria-live="polite" className={count > MAX_RULES ? "text-xs font-medium text-destructive" : "text-xs text-muted-foreground tabular-nums"}>
          {t("count", { count, max: MAX_RULES })}
        </p>
      </div>
      {count > 0 ? (
        <div aria-hidden className="hidden gap-2 text-xs text-muted-foreground sm:grid sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2rem]">
          <span>{t("addressColumn")}</span>
          <span>{t("descriptionColumn")}</span>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      )}
      <ul className="grid divide-y">
        {ids.map((id, index) => (
          <RuleRow
            key={id}
            index={index}
            baseId={`${baseId}-${id}`}
            register={register}
            ipError={errors?.[index]?.ip?.message}
            descriptionError={errors?.[index]?.description?.message}
            notes={notes.get(index) ?? NO_NOTES}
            notesKey={noteKey(notes.get(index) ?? NO_NOTES)}
            type={type}
            onRemove={onRemove}
            onUseRange={onUseRange}
            disabled={disabled}
          />
        ))}
      </ul>
      {listError ? <p className="text-xs font-medium text-destructive">{listError}</p> : null}
      {warned > 0 ? <p className="text-xs text-muted-foreground">{t("warningCount", { count: warned })}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" size="sm" onClick={onAdd} disabled={disabled || count >= MAX_RULES}>
          <Plus aria-hidden />
          {t("add")}
        </Button>
        {count >= MAX_RULES ? <p className="text-xs text-muted-foreground">{t("full", { max: MAX_RULES })}</p> : null}
      </div>
    </section>
  );
}

const NO_NOTES: RowNote[] = [];

interface RuleRowProps {
  index: number;
  baseId: string;
  register: UseFormRegister<RulesFormInput>;
  ipError?: string;
  descriptionError?: string;
  notes: readonly RowNote[];
  /** notes as a string, so an unchanged row skips rendering while another row is typed in. */
  notesKey: string;
  type: RuleType;
  onRemove(index: number): void;
  onUseRange(index: number, range: string): void;
  disabled: boolean;
}

const RuleRow = memo(
  function RuleRow({ index, baseId, register, ipError, descriptionError, notes, type, onRemove, onUseRange, disabled }: RuleRowProps) {
    const t = useTranslations("AccessControlRules.editor");
    const n = index + 1;
    const ids = { ip: `${baseId}-ip`, description: `${baseId}-description`, ipError: `${baseId}-ip-error`, descriptionError: `${baseId}-description-error`, notes: `${baseId}-notes` };
    const describe = (...parts: (string | false)[]) => parts.filter(Boolean).join(" ") || undefined;
    const addr = (chunks: ReactNode) => (
      <span translate="no" className="font-mono">
        {chunks}
      </span>
    );
    return (
      <li className="grid gap-1.5 py-2">
        <div className="grid grid-cols-[minmax(0,1fr)_2rem] gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2rem]">
          <div className="grid content-start gap-1">
            <label htmlFor={ids.ip} className="sr-only">
              {t("addressLabel", { n })}
            </label>
            <Input
              id={ids.ip}
              {...register(`ipList.${index}.ip`)}
              translate="no"
              className="font-mono"
              placeholder={t("addressPlaceholder")}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              aria-invalid={ipError ? true : undefined}
              aria-describedby={describe(ipError ? ids.ipError : false, notes.length > 0 && ids.notes)}
              disabled={disabled}
            />
            {ipError ? (
              <p id={ids.ipError} className="text-xs font-medium text-destructive">
                {ipError}
              </p>
            ) : null}
          </div>
          <div className="col-start-1 row-start-2 grid content-start gap-1 sm:col-start-auto sm:row-start-auto">
            <label htmlFor={ids.description} className="sr-only">
              {t("descriptionLabel", { n })}
            </label>
            <Input
              id={ids.description}
              {...register(`ipList.${index}.description`)}
              placeholder={t("descriptionPlaceholder", { max: DESCRIPTION_MAX })}
              autoComplete="off"
              aria-invalid={descriptionError ? true : undefined}
              aria-describedby={descriptionError ? ids.descriptionError : undefined}
              disabled={disabled}
            />
            {descriptionError ? (
              <p id={ids.descriptionError} className="text-xs font-medium text-destructive">
                {descriptionError}
              </p>
            ) : null}
          </div>
          <Button
            variant="ghost"
            size="icon-sm"
            className="col-start-2 row-start-1 sm:col-start-auto sm:row-start-auto"
            aria-label={t("remove", { n })}
            onClick={() => onRemove(index)}
            disabled={disabled}
          >
            <Trash2 aria-hidden />
          </Button>
        </div>
        {notes.length > 0 ? (
          <ul id={ids.notes} className="grid gap-1 text-xs text-muted-foreground">
            {notes.map((note, i) => (
              <li key={i} className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
                <TriangleAlert className="size-3 shrink-0 text-warning" aria-hidden />
                {note.kind === "duplicate" || note.kind === "covered" ? (
                  <span>{t.rich(`warnings.${note.kind}`, { n: note.n, ip: note.ip, addr })}</span>
                ) : note.kind === "hostBits" ? (
                  <>
                    <span>{t.rich("warnings.hostBits", { range: note.range, addr })}</span>
                    <Button variant="link" size="xs" className="h-auto text-xs" onClick={() => onUseRange(index, note.range)} disabled={disabled}>
                      {t("warnings.useSuggestion", { range: note.range })}
                    </Button>
                  </>
                ) : (
                  <span>{t(type === "white" ? "warnings.everythingWhite" : "warnings.everythingBlack", { family: note.family })}</span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </li>
    );
  },
  (a, b) =>
    a.index === b.index &&
    a.baseId === b.baseId &&
    a.register === b.register &&
    a.ipError === b.ipError &&
    a.descriptionError === b.descriptionError &&
    a.notesKey === b.notesKey &&
    a.type === b.type &&
    a.onRemove === b.onRemove &&
    a.onUseRange === b.onUseRange &&
    a.disabled === b.disabled,
);
