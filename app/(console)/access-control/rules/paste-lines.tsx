"use client";

import { ClipboardPaste } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { MAX_RULES, parsePastedLines, type PastedLineProblem, type RuleEntry } from "@/lib/access-control/rules";
import type { ValidationKey } from "@/lib/validation/error-keys";

type Report = { added: number; problems: PastedLineProblem[]; overflow: number };

/**
 * Many entries at once. Good lines join the list (as many as it has room for); lines that are
 * refused or do not fit stay in the box with the reason, so nothing pasted is silently lost.
 */
export function PasteLines({ room, onAdd, disabled }: { room: number; onAdd(entries: RuleEntry[]): void; disabled: boolean }) {
  const t = useTranslations("AccessControlRules.editor.paste");
  const words = useTranslations("Validation");
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const boxId = useId();

  const add = () => {
    const { entries, lines, problems } = parsePastedLines(text);
    const fits = Math.max(0, room);
    const raw = text.split(/\r\n|\r|\n/);
    const left = new Set([...problems.map((p) => p.line), ...lines.slice(fits)]);
    onAdd(entries.slice(0, fits));
    setText([...left].sort((a, b) => a - b).map((line) => raw[line - 1]?.trim() ?? "").join("\n"));
    setReport({ added: Math.min(fits, entries.length), problems, overflow: Math.max(0, entries.length - fits) });
  };

  return (
    <div className="grid gap-2">
      <div>
        <Button variant="outline" size="sm" aria-expanded={open} aria-controls={boxId} onClick={() => setOpen((v) => !v)} disabled={disabled}>
          <ClipboardPaste aria-hidden />
          {open ? t("close") : t("open")}
        </Button>
      </div>
      {open ? (
        <div id={boxId} className="grid gap-2 rounded-md border p-3">
          <Field label={t("label")} description={t("help")}>
            {(c) => (
              <Textarea
                {...c}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                rows={5}
                translate="no"
                spellCheck={false}
                autoCapitalize="off"
                className="font-mono text-[13px]"
                disabled={disabled}
              />
            )}
          </Field>
          <div>
            <Button size="sm" variant="secondary" onClick={add} disabled={disabled || text.trim() === ""}>
              {t("submit")}
            </Button>
          </div>
          <div aria-live="polite" className="grid gap-1 text-xs">
            {report ? (
              <>
                <p>{t("added", { count: report.added })}</p>
                {report.overflow > 0 ? <p className="text-destructive">{t("overflow", { count: report.overflow, max: MAX_RULES })}</p> : null}
                {report.problems.length > 0 ? (
                  <>
                    <p className="text-destructive">{t("problems", { count: report.problems.length })}</p>
                    <ul className="grid gap-0.5 pl-4 list-disc">
                      {report.problems.map((p) => (
                        <li key={p.line}>{t("problem", { line: p.line, message: words(p.key as ValidationKey, p.values) })}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
