import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { useFieldArray, useForm } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import type { RuleEntry, RulesState } from "@/lib/access-control/rules";
import { RuleRows } from "./rule-rows";
import { RulesDiff } from "./rules-diff";
import { errorsBelongToEdit, rulesFormFields, toFormFieldErrors, type RulesFormInput } from "./rules-form";
import { RulesReview } from "./rules-review";

function render(node: ReactNode, locale: "en" | "zh-CN" = "en") {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGS[locale]} timeZone="UTC">
      {node}
    </NextIntlClientProvider>,
  );
}

const e = (ip: string, description = ""): RuleEntry => ({ ip, description });
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("RulesDiff", () => {
  const before: RulesState = { type: "white", ipList: [e("10.0.0.1", "office"), e("10.0.0.2", "old"), e("10.0.0.3", "same")] };

  it("lists added, removed and re-described entries under their own headings", () => {
    const after: RulesState = { type: "white", ipList: [e("10.0.0.1/32", "office 2"), e("192.168.1.0/24"), e("10.0.0.3", "same")] };
    const html = render(<RulesDiff before={before} after={after} />);
    const words = text(html);
    expect(html.match(/<h4/g)).toHaveLength(3);
    expect(words).toContain("Added (1)");
    expect(words).toContain("Removed (1)");
    expect(words).toContain("Description changed (1)");
    expect(words).toContain("was “office”, now “office 2”");
    expect(words).toContain("1 entry stays as it is.");
    expect(words).toContain("no description");
    expect(html).toContain('translate="no"');
    expect(html).toMatch(/<ul aria-labelledby="[^"]+"/);
  });

  it("warns that a type change discards the whole old list", () => {
    const html = render(<RulesDiff before={before} after={{ type: "black", ipList: [e("10.9.9.9")] }} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain("The list type changes from whitelist to blacklist");
    expect(text(html)).toContain("saving discards the current whitelist (3 entries)");
    expect(text(html)).toContain("Removed (3)");
  });

  it("says so when nothing changes, in Chinese too", () => {
    expect(text(render(<RulesDiff before={before} after={{ ...before, ipList: [...before.ipList].reverse() }} />))).toContain("No changes");
    expect(text(render(<RulesDiff before={before} after={{ type: "black", ipList: [] }} />, "zh-CN"))).toContain("名单类型由白名单改为黑名单");
  });

  it("lets a long list scroll by keyboard", () => {
    const many = Array.from({ length: 20 }, (_, i) => e(`10.1.0.${i}`));
    const html = render(<RulesDiff before={{ type: "black", ipList: [] }} after={{ type: "black", ipList: many }} />);
    expect(html).toMatch(/<ul[^>]*tabindex="0"[^>]*max-h-48/);
  });
});

describe("RulesReview", () => {
  const confirm = { name: "confirmEmptyWhitelist" as const, onChange: async () => {}, onBlur: async () => {}, ref: () => {} };

  it("asks for an explicit yes before an empty whitelist shuts every source out", () => {
    const html = render(
      <RulesReview proxyName="proxy-a" accessOn before={{ type: "white", ipList: [e("10.0.0.1")] }} after={{ type: "white", ipList: [] }} needsConfirm confirm={confirm} />,
    );
    expect(text(html)).toContain("Every source will be refused");
    expect(text(html)).toContain("I understand that every source will be shut out");
    expect(html).toContain('type="checkbox"');
    expect(html).toMatch(/<span translate="no"[^>]*>proxy-a<\/span>/);
  });

  it("says rules wait for the switch when access control is off", () => {
    const html = render(
      <RulesReview proxyName="p" accessOn={false} before={{ type: "white", ipList: [] }} after={{ type: "white", ipList: [e("10.0.0.1")] }} needsConfirm={false} confirm={confirm} />,
    );
    expect(text(html)).toContain("Access control is off on this proxy");
    expect(html).not.toContain('type="checkbox"');
  });
});

function Rows({ ipList }: { ipList: RuleEntry[] }) {
  const form = useForm<RulesFormInput>({ defaultValues: { type: "white", ipList, confirmEmptyWhitelist: false } });
  const { fields } = useFieldArray({ control: form.control, name: "ipList" });
  return (
    <RuleRows
      ids={fields.map((f) => f.id)}
      values={ipList}
      type="white"
      register={form.register}
      errors={undefined}
      onAdd={() => {}}
      onRemove={() => {}}
      onUseRange={() => {}}
      disabled={false}
    />
  );
}

describe("RuleRows", () => {
  it("labels every input by its entry, counts the list and warns about overlaps", () => {
    const html = render(<Rows ipList={[e("10.0.0.0/16", "net"), e("10.0.1.5"), e("10.0.0.1/24"), e("0.0.0.0/0")]} />);
    const words = text(html);
    expect(words).toContain("4 of 300");
    expect(words).toContain("Address of entry 2");
    expect(html).toContain('aria-label="Remove entry 4"');
    expect(words).toContain("Already inside entry 4 ( 0.0.0.0/0 )");
    expect(words).toContain("Covers all of 10.0.0.0/24 , not only this address");
    expect(words).toContain("Use 10.0.0.0/24");
    expect(words).toContain("Lets in every IPv4 source");
    expect(html).toMatch(/<input[^>]*translate="no"[^>]*name="ipList.1.ip"/);
  });

  it("invites a first entry when the list is empty", () => {
    expect(text(render(<Rows ipList={[]} />, "zh-CN"))).toContain("还没有条目");
  });
});

describe("server field errors on the rules form", () => {
  it("puts entry errors on the entry and list errors at ipList.root", () => {
    expect(rulesFormFields(2)).toEqual(["type", "confirmEmptyWhitelist", "ipList.0.ip", "ipList.0.description", "ipList.1.ip", "ipList.1.description", "ipList.root"]);
    expect(toFormFieldErrors({ ipList: ["At most 300 entries"], "ipList.0.ip": ["x"] })).toEqual({ "ipList.root": ["At most 300 entries"], "ipList.0.ip": ["x"] });
    expect(errorsBelongToEdit({ "ipList.3.description": ["x"] })).toBe(true);
    expect(errorsBelongToEdit({ confirmEmptyWhitelist: ["x"] })).toBe(false);
    expect(errorsBelongToEdit(undefined)).toBe(false);
  });
});
