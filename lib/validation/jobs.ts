import { z } from "zod";
import { msg } from "./error-map";

/** A job as the Jobs page names it: its queue (pg-boss's name rule) and its id. */
export const retryJobInput = z.object({
  queue: z
    .string()
    .trim()
    .min(1, msg("queueRequired"))
    .max(100)
    .regex(/^[\w.\-/]+$/, msg("notQueue")),
  id: z.uuid(msg("notJobId")),
});

export type RetryJobInput = z.infer<typeof retryJobInput>;
