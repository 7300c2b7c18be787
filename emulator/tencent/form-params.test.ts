import { describe, expect, it } from "vitest";
import { TencentError } from "./errors";
import { formParams } from "./form-params";

describe("Tencent form-encoded parameters (GET query)", () => {
  it("reads scalars, lists as Name.N and objects as Name.N.Field", () => {
    expect(formParams("Limit=10&InstanceIds.0=tdsql-a&InstanceIds.1=tdsql-b&Tags.0.TagKey=env&Tags.0.TagValue=prod")).toEqual({
      Limit: "10",
      InstanceIds: ["tdsql-a", "tdsql-b"],
      Tags: [{ TagKey: "env", TagValue: "prod" }],
    });
  });

  it("orders list items by index, not by position in the query", () => {
    expect(formParams("Status.1=2&Status.0=1")).toEqual({ Status: ["1", "2"] });
  });

  it("decodes percent-escapes and + as space", () => {
    expect(formParams("Password=Ab%2B1%26%3D%25x&Description=two+words%20here")).toEqual({ Password: "Ab+1&=%x", Description: "two words here" });
  });

  it.each([
    ["a gap in list indexes", "Ids.0=a&Ids.2=b"],
    ["a name given twice", "Limit=1&Limit=2"],
    ["a value and a list under one name", "Ids=a&Ids.0=b"],
    ["indexes mixed with field names", "Tags.0=a&Tags.Key=b"],
    ["an empty name segment", "Ids..0=a"],
    ["a malformed escape", "Limit=%zz"],
  ])("refuses %s with InvalidParameter", (_n, query) => {
    expect(() => formParams(query)).toThrow(TencentError);
    try {
      formParams(query);
    } catch (e) {
      expect((e as TencentError).code).toBe("InvalidParameter");
    }
  });

  it("reads an empty query as no parameters", () => {
    expect(formParams("")).toEqual({});
  });
});
