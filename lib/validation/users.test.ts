import { describe, expect, it } from "vitest";
import { createUserInput, updateUserInput } from "./users";

describe("user input", () => {
  it("normalises the email and de-duplicates roles and resources", () => {
    const parsed = createUserInput.parse({
      email: "  Ana@Example.COM ",
      name: " Ana ",
      roles: ["owner", "owner", "dba"],
      resources: ["dms-instance:5101", "dms-instance:5101"],
    });
    expect(parsed).toEqual({ email: "ana@example.com", name: "Ana", roles: ["owner", "dba"], resources: ["dms-instance:5101"], signIn: "password" });
  });

  it("refuses unknown roles by name", () => {
    const result = createUserInput.safeParse({ email: "a@example.com", name: "A", roles: ["root"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Unknown role "root"');
  });

  it("ties owned resources to the owner role", () => {
    const noResources = updateUserInput.safeParse({ id: "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11", name: "A", roles: ["owner"], resources: [] });
    expect(noResources.error?.issues[0]?.message).toBe("An instance owner needs at least one owned resource");
    const notOwner = updateUserInput.safeParse({ id: "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11", name: "A", roles: ["dba"], resources: ["dms-instance:1"] });
    expect(notOwner.error?.issues[0]?.message).toBe("Only instance owners hold owned resources");
  });

  it("refuses malformed resource keys", () => {
    const result = createUserInput.safeParse({ email: "a@example.com", name: "A", roles: ["owner"], resources: ["instance 5101; drop table"] });
    expect(result.error?.issues[0]?.message).toMatch(/^Write kind:id, where kind is one of /);
  });

  it("bounds sizes so oversized input is a field error, not a crash", () => {
    const result = createUserInput.safeParse({ email: `${"a".repeat(300)}@example.com`, name: "n".repeat(500), roles: ["dba"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["email", "name"]);
  });
});
