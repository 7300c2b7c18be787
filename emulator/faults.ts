import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ServiceName } from "./types";

const serviceSchema = z.enum(["dms", "taurus", "dds", "mariadb", "iam", "*"]);

/** What a test or operator posts to /faults (or passes at start). */
export const faultInputSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    service: serviceSchema.default("*"),
    action: z.string().min(1).max(100).optional(),
    kind: z.enum(["latency", "error", "throttle", "drop", "timeout"]),
    probability: z.number().min(0).max(1).default(1),
    count: z.number().int().positive().optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    jitterMs: z.number().int().min(0).max(600_000).optional(),
    code: z.string().min(1).max(100).optional(),
    message: z.string().max(500).optional(),
    status: z.number().int().min(200).max(599).optional(),
    afterEffect: z.boolean().default(false),
    holdMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .strict()
  .refine((f) => f.kind !== "latency" || f.latencyMs !== undefined, {
    error: "latency faults need latencyMs",
  })
  .refine((f) => !f.afterEffect || ["error", "drop", "timeout"].includes(f.kind), {
    error: "afterEffect applies to error, drop and timeout faults",
  });

export type FaultInput = z.input<typeof faultInputSchema>;

export interface FaultRule {
  id: string;
  service: ServiceName | "*";
  action?: string;
  kind: "latency" | "error" | "throttle" | "drop" | "timeout";
  probability: number;
  /** Calls left before the rule retires; undefined = unlimited. */
  remaining?: number;
  latencyMs?: number;
  jitterMs?: number;
  code?: string;
  message?: string;
  status?: number;
  afterEffect: boolean;
  holdMs?: number;
  hits: number;
}

export interface FaultDecision {
  delayMs: number;
  /** At most one failing rule applies to a call: the first that matches and fires. */
  failure?: FaultRule;
}

export class FaultEngine {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(input: unknown): FaultRule {
    const f = faultInputSchema.parse(input);
    const rule: FaultRule = {
      id: f.id ?? randomUUID(),
      service: f.service,
      action: f.action,
      kind: f.kind,
      probability: f.probability,
      remaining: f.count,
      latencyMs: f.latencyMs,
      jitterMs: f.jitterMs,
      code: f.code,
      message: f.message,
      status: f.status,
      afterEffect: f.afterEffect,
      holdMs: f.holdMs,
      hits: 0,
    };
    this.rules = this.rules.filter((r) => r.id !== rule.id);
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  decide(service: ServiceName, action: string): FaultDecision {
    let delayMs = 0;
    let failure: FaultRule | undefined;
    for (const rule of [...this.rules]) {
      if (rule.service !== "*" && rule.service !== service) continue;
      if (rule.action && rule.action !== action) continue;
      if (rule.kind !== "latency" && failure) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      this.consume(rule);
      if (rule.kind === "latency") {
        const jitter = rule.jitterMs ? Math.floor(this.random() * (rule.jitterMs + 1)) : 0;
        delayMs += (rule.latencyMs ?? 0) + jitter;
      } else {
        failure = { ...rule };
      }
    }
    return { delayMs, failure };
  }

  private consume(rule: FaultRule): void {
    rule.hits++;
    if (rule.remaining === undefined) return;
    rule.remaining--;
    if (rule.remaining <= 0) this.remove(rule.id);
  }
}
