import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { CATALOGS } from "@/i18n/catalogs";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableColumn } from "./data-table";
import { ErrorState } from "./error-state";
import { RelativeTime } from "./relative-time";
import { Field } from "./ui/field";
import { Input } from "./ui/input";
import { Button } from "./ui/button";
import { AppSidebar, isActivePath } from "./app-sidebar";
import { AppHeader } from "./app-header";
import { shouldRetry } from "./query-client";

type Row = { id: string; name: string };
const columns: DataTableColumn<Row>[] = [
  { id: "name", header: "Name", cell: (r) => r.name, sortValue: (r) => r.name },
  { id: "id", header: "Id", cell: (r) => r.id, align: "right", width: 80 },
];

describe("Field", () => {
  it("wires label, description and error to the control", () => {
    const html = render(
      <Field label="User name" description="1–32 letters" error={{ message: "Required" }} id="user">
        {(c) => <Input {...c} />}
      </Field>,
    );
    expect(html).toContain('for="user"');
    expect(html).toContain('id="user"');
    expect(html).toContain('aria-describedby="user-description user-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('id="user-error"');
  });

  it("leaves aria-invalid and the error node out when the field is valid", () => {
    const html = render(<Field label="Name">{(c) => <Input {...c} />}</Field>);
    expect(html).not.toContain('aria-invalid="');
    expect(html).not.toContain('aria-describedby="');
  });
});

describe("DataTable", () => {
  const rows: Row[] = Array.from({ length: 50_000 }, (_, i) => ({ id: `r${i}`, name: `user ${i}` }));

  it("announces the full size but renders only a window of rows", () => {
    const html = render(
      <DataTable rows={rows} columns={columns} getRowId={(r) => r.id} label="Users" sort={{ id: "name", dir: "desc" }} onSortChange={() => {}} />,
    );
    expect(html).toContain('role="table"');
    expect(html).toContain('aria-rowcount="50001"');
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain('aria-rowindex="2"');
    const rendered = html.match(/role="row"/g)?.length ?? 0;
    expect(rendered).toBeGreaterThan(1);
    expect(rendered).toBeLessThan(100);
  });

  it("adds a checkbox column with a mixed select-all when some rows are selected", () => {
    const html = render(
      <DataTable
        rows={rows.slice(0, 10)}
        columns={columns}
        getRowId={(r) => r.id}
        label="Users"
        selected={new Set(["r1"])}
        onSelectedChange={() => {}}
        getRowLabel={(r) => r.name}
      />,
    );
    expect(html).toContain('aria-label="Select all 10 rows"');
    expect(html).toContain('aria-label="Select user 1"');
    expect(html).toContain('aria-colcount="3"');
  });

  it("shows the empty slot when there are no rows", () => {
    const html = render(
      <DataTable rows={[]} columns={columns} getRowId={(r) => r.id} label="Users" empty={<p>No users</p>} />,
    );
    expect(html).toContain("No users");
  });
});

describe("RelativeTime", () => {
  it("renders UTC text with a machine-readable dateTime on the server", () => {
    const html = render(<RelativeTime value="2025-01-03T14:22:09Z" />);
    expect(html).toContain('dateTime="2025-01-03T14:22:09.000Z"');
    expect(html).toContain("2025-01-03 14:22 UTC");
  });
});

describe("ErrorState", () => {
  it("shows the code and request id for support", () => {
    const html = render(
      <ErrorState message="The vendor refused the password." code="InvalidParameter.CharacterError" requestId="req-123" />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("InvalidParameter.CharacterError");
    expect(html).toContain("req-123");
    expect(html).toContain('aria-label="Copy request id"');
  });
});

describe("Button", () => {
  it("defaults to type=button and renders its child with asChild", () => {
    expect(render(<Button>Go</Button>)).toContain('type="button"');
    const html = render(
      <Button asChild>
        <a href="/x">Go</a>
      </Button>,
    );
    expect(html).toMatch(/^<a [^>]*href="\/x"/);
  });
});

describe("isActivePath", () => {
  it("matches the page and its children, but / only itself", () => {
    expect(isActivePath("/users/42", "/users")).toBe(true);
    expect(isActivePath("/users-archive", "/users")).toBe(false);
    expect(isActivePath("/users", "/")).toBe(false);
    expect(isActivePath("/", "/")).toBe(true);
  });
});

describe("shouldRetry", () => {
  it("retries a transient failure once and never a client error", () => {
    expect(shouldRetry(0, new Error("network"))).toBe(true);
    expect(shouldRetry(1, new Error("network"))).toBe(false);
    expect(shouldRetry(0, { status: 404 })).toBe(false);
    expect(shouldRetry(0, { status: 403 })).toBe(false);
    expect(shouldRetry(0, { status: 429 })).toBe(true);
    expect(shouldRetry(0, { status: 503 })).toBe(true);
  });
});

const render = (node: ReactNode) => inLocale("en", node);

/** The shell's client components read their words from the catalogs. */
function inLocale(locale: "en" | "zh-CN", node: ReactNode) {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGS[locale]} timeZone="UTC">
      {node}
    </NextIntlClientProvider>,
  );
}

describe("AppSidebar and AppHeader", () => {
  it("puts the skip link first and marks the current page", () => {
    const html = inLocale(
      "en",
      <AppSidebar title="DB Access Console" items={[{ href: "/", label: "Dashboard", icon: "dashboard" }, { href: "/audit", label: "Audit", icon: "audit" }]} />,
    );
    expect(html.startsWith('<a href="#main"')).toBe(true);
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('<nav aria-label="Main"');
    expect(html).toContain('id="app-sidebar-drawer"');
  });

  it("shows the user, the roles and a sign-out form, and presses no theme before hydration", () => {
    const html = inLocale("en", <AppHeader user={{ name: "Alice", email: "alice@example.com" }} roles={["Admin", "Auditor"]} signOut={async () => {}} />);
    expect(html).toContain("alice@example.com");
    expect(html).toContain("Auditor");
    expect(html).toContain("<form");
    expect(html).toContain('aria-label="Colour theme"');
    expect(html).not.toContain('aria-pressed="true"');
    expect(html).toContain('aria-label="Open navigation"');
  });

  it("speaks Chinese when the locale is zh-CN", () => {
    const html = inLocale("zh-CN", <AppHeader user={{ name: "Alice", email: "alice@example.com" }} roles={["管理员"]} signOut={async () => {}} />);
    expect(html).toContain("退出登录");
    expect(html).toContain('aria-label="配色主题"');
    expect(html).not.toContain("Sign out");
  });
});
