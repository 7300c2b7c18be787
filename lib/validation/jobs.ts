import { z } from "zod";

/** A job as the Jobs page names it: its queue (pg-boss's name rule) and its id. */
export const retryJobInput = z.object({
  queue: z
    .string()
    .trim()
    .min(1, "A queue is required")
    .max(100, "At most 100 characters")
    .regex(/^[\w.\-/]+$/, "Not a queue name"),
  id: z.uuid({ error: "Not a job id" }),
});

export type RetryJobInput = z.infer<typeof retryJobInput>;
