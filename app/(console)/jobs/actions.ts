"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { retryJob } from "@/lib/dal/jobs";
import { retryJobInput } from "@/lib/validation/jobs";

export const retryJobAction = defineAction({
  name: "jobs.retry",
  input: retryJobInput,
  permission: "jobs:retry",
  target: (input) => `job:${input.queue}/${input.id}`,
  handler: async (input, { actor }) => retryJob(actor, input),
});
