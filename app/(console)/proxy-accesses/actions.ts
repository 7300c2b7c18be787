"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { bulkJobResource, createBulkGrantJob, retryBulkJob } from "@/lib/dal/bulk-grants";
import { grantProxyAccess, revealSecret, revokeAccesses } from "@/lib/dal/proxy-accesses";
import { proxyResource } from "@/lib/dal/proxy-accesses-scope";
import {
  bulkGrantInput,
  bulkJobInput,
  grantProxyAccessInput,
  revealSecretInput,
  revokeProxyAccessesInput,
} from "@/lib/validation/proxy-accesses";

/*
 * Every change to DMS proxy accesses. The resource of each action is the DMS instance behind the
 * proxy, read from DMS by the resource hook: owners may act only on proxies of instances they own.
 */

export const grantProxyAccessAction = defineAction({
  name: "proxy-accesses.grant",
  input: grantProxyAccessInput,
  permission: "proxyAccess:grant",
  resource: proxyResource("proxyAccess:grant"),
  target: (input) => `dms-proxy:${input.proxyId}/user:${input.userId}`,
  handler: (input, ctx) => grantProxyAccess(ctx.actor, input, ctx),
});

export const revokeProxyAccessesAction = defineAction({
  name: "proxy-accesses.revoke",
  input: revokeProxyAccessesInput,
  permission: "proxyAccess:revoke",
  resource: proxyResource("proxyAccess:revoke"),
  target: (input) => `dms-proxy:${input.proxyId}`,
  handler: (input, ctx) => revokeAccesses(ctx.actor, input, ctx),
});

export const revealProxyAccessSecretAction = defineAction({
  name: "proxy-accesses.reveal-secret",
  input: revealSecretInput,
  permission: "proxyAccess:revealSecret",
  resource: proxyResource("proxyAccess:revealSecret"),
  target: (input) => `dms-proxy:${input.proxyId}/access:${input.proxyAccessId}`,
  handler: (input, ctx) => revealSecret(ctx.actor, input, ctx),
});

export const startBulkGrantAction = defineAction({
  name: "proxy-accesses.bulk-grant",
  input: bulkGrantInput,
  permission: "proxyAccess:grant",
  resource: proxyResource("proxyAccess:grant"),
  target: (input) => `dms-proxy:${input.proxyId}`,
  // Returns once the job is stored and queued; its DMS work runs on the job queue, in any instance.
  handler: (input, ctx) => createBulkGrantJob(ctx.actor, input, ctx),
});

export const retryBulkGrantAction = defineAction({
  name: "proxy-accesses.bulk-grant.retry",
  input: bulkJobInput,
  permission: "proxyAccess:grant",
  resource: (input) => bulkJobResource(input.jobId),
  target: (input) => `bulk-grant:${input.jobId}`,
  handler: (input, ctx) => retryBulkJob(ctx.actor, input.jobId, ctx),
});
