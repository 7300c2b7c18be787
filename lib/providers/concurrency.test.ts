import { describe, expect, it } from "vitest";
import { mapWithConcurrency } from "@/lib/providers/concurrency";

describe("mapWithConcurrency", () => {
  it("returns one result per item in order, never exceeding the concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const progress: number[] = [];
    const results = await mapWithConcurrency(
      [1, 2, 3, 4, 5, 6, 7],
      async (n) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 10 * (8 - n)));
        inFlight -= 1;
        if (n === 4) throw new Error("four");
        return n * 2;
      },
      { concurrency: 3, onProgress: (done) => progress.push(done) },
    );
    expect(peak).toBe(3);
    expect(results.map((r) => (r.ok ? r.value : "err"))).toEqual([2, 4, 6, "err", 10, 12, 14]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
