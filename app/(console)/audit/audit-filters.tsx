"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AUDIT_OUTCOMES } from "@/lib/validation/audit-outcomes";

type Initial = { actor: string; action: string; outcome: string; from: string; to: string };

/** ISO instant <-> the viewer's local "YYYY-MM-DDTHH:mm" for datetime-local inputs. */
function toLocalInput(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string {
  if (!value) return "";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** Filters live in the URL, so a filtered view can be shared and exported as it is. */
export function AuditFilters({ initial }: { initial: Initial }) {
  const router = useRouter();
  const t = useTranslations("Audit");
  const [values, setValues] = useState({ ...initial, from: toLocalInput(initial.from), to: toLocalInput(initial.to) });
  const set = (key: keyof Initial) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  function apply(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    if (values.actor.trim()) params.set("actor", values.actor.trim());
    if (values.action.trim()) params.set("action", values.action.trim());
    if (values.outcome) params.set("outcome", values.outcome);
    const from = fromLocalInput(values.from);
    const to = fromLocalInput(values.to);
    if (from) params.set("from", from);
    if (to) params.set("to", to);
    router.push(`/audit${params.size ? `?${params}` : ""}`);
  }

  function clear() {
    setValues({ actor: "", action: "", outcome: "", from: "", to: "" });
    router.push("/audit");
  }

  return (
    <form onSubmit={apply} role="search" aria-label={t("filters.label")} className="grid gap-3 rounded-lg border p-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      <div className="grid gap-1.5">
        <Label htmlFor="f-actor">{t("filters.actor")}</Label>
        <Input id="f-actor" name="actor" placeholder={t("filters.actorPlaceholder")} value={values.actor} onChange={set("actor")} maxLength={254} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="f-action">{t("filters.action")}</Label>
        <Input id="f-action" name="action" placeholder={t("filters.actionPlaceholder")} value={values.action} onChange={set("action")} maxLength={100} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="f-outcome">{t("filters.outcome")}</Label>
        <Select id="f-outcome" name="outcome" value={values.outcome} onChange={set("outcome")}>
          <option value="">{t("filters.any")}</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcomes.${o}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="f-from">{t("filters.from")}</Label>
        <Input id="f-from" name="from" type="datetime-local" value={values.from} onChange={set("from")} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="f-to">{t("filters.to")}</Label>
        <Input id="f-to" name="to" type="datetime-local" value={values.to} onChange={set("to")} />
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("filters.apply")}</Button>
        <Button type="button" variant="ghost" onClick={clear}>
          {t("filters.clear")}
        </Button>
      </div>
    </form>
  );
}
