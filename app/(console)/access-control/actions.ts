"use server";

import { restoreAccessControl, setAccessControlRules, switchAccessControl } from "@/lib/access-control/change";
import { defineAction } from "@/lib/actions/safe-action";
import { resourceKey } from "@/lib/auth/permissions";
import { restoreAccessControlInput, setAccessControlRulesInput, switchAccessControlInput } from "@/lib/validation/access-control";

/*
 * Every change to a TaurusDB proxy's access control. The resource is the instance in the path:
 * owners act only on their instances' proxies, and TaurusDB itself refuses a proxy that is not
 * the instance's (the path names both), so an owned instance id cannot be borrowed for another
 * instance's proxy.
 */

const instanceOf = (input: { instanceId: string }) => resourceKey("taurus-instance", input.instanceId);
const target = (input: { proxyId: string }) => `taurus-proxy:${input.proxyId}`;

export const switchAccessControlAction = defineAction({
  name: "access-control.switch",
  input: switchAccessControlInput,
  permission: "accessControl:switch",
  resource: instanceOf,
  target,
  handler: (input, ctx) => switchAccessControl(ctx.actor, input, ctx),
});

export const setAccessControlRulesAction = defineAction({
  name: "access-control.rules",
  input: setAccessControlRulesInput,
  permission: "accessControl:rules",
  resource: instanceOf,
  target,
  handler: (input, ctx) => setAccessControlRules(ctx.actor, input, ctx),
});

export const restoreAccessControlAction = defineAction({
  name: "access-control.restore",
  input: restoreAccessControlInput,
  permission: "accessControl:rules",
  resource: instanceOf,
  target,
  handler: (input, ctx) => restoreAccessControl(ctx.actor, input, ctx),
});
