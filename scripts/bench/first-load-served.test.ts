import { describe, expect, it } from "vitest";
import { inlineFlight, messageObjects } from "./first-load-served";

const push = (s: string) => `<script nonce="n">self.__next_f.push(${JSON.stringify([1, s])})</script>`;

describe("served first-load parsing", () => {
  it("joins the string pushes of the inline RSC payload and skips the bootstrap push", () => {
    const html = `<html><script>self.__next_f.push([0])</script>${push('0:{"a":1}\n')}${push("1:[]\n")}</html>`;
    expect(inlineFlight(html)).toBe('0:{"a":1}\n1:[]\n');
  });

  it("finds every messages object, with braces inside strings left alone", () => {
    const flight = `5:["$","$L6",null,{"locale":"zh-CN","messages":{"Shell":{"a":"{count} 项","b":"\\"}\\""}},"timeZone":"UTC"}]\n7:{"messages":{"Jobs":{}}}`;
    expect(messageObjects(flight)).toEqual(['{"Shell":{"a":"{count} 项","b":"\\"}\\""}}', '{"Jobs":{}}']);
  });
});
