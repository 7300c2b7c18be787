"use server";

import { createDdsUser, createMariadbAccount, deleteDdsUsers, deleteMariadbAccounts, resetDdsPassword, resetMariadbPassword } from "@/lib/accounts/change";
import { defineAction } from "@/lib/actions/safe-action";
import { resourceKey } from "@/lib/auth/permissions";
import {
  createDdsUserInput,
  createMariadbAccountInput,
  deleteDdsUsersInput,
  deleteMariadbAccountsInput,
  resetDdsPasswordInput,
  resetMariadbPasswordInput,
} from "@/lib/validation/accounts";

/*
 * Every change to a database account. The resource is the instance named in the input: owners
 * act only on their own instances, and the data layer finds the instance in the scope's vendor
 * list before anything is sent, so an owned id cannot be borrowed for another region or project.
 * Passwords are redacted from the audit entries by their field name and go nowhere else.
 */

const mariadb = (input: { instanceId: string }) => resourceKey("mariadb-instance", input.instanceId);
const dds = (input: { instanceId: string }) => resourceKey("dds-instance", input.instanceId);
const tencentTarget = (input: { instanceId: string; userName: string; host: string }) => `mariadb-account:${input.instanceId}:${input.userName}@${input.host}`;
const ddsTarget = (input: { instanceId: string; userName: string; dbName: string }) => `dds-user:${input.instanceId}:${input.dbName}.${input.userName}`;

export const createMariadbAccountAction = defineAction({
  name: "mariadb-accounts.create",
  input: createMariadbAccountInput,
  permission: "dbAccounts:manage",
  resource: mariadb,
  target: tencentTarget,
  handler: (input, ctx) => createMariadbAccount(ctx.actor, input, ctx),
});

export const resetMariadbPasswordAction = defineAction({
  name: "mariadb-accounts.reset-password",
  input: resetMariadbPasswordInput,
  permission: "dbAccounts:manage",
  resource: mariadb,
  target: tencentTarget,
  handler: (input, ctx) => resetMariadbPassword(ctx.actor, input, ctx),
});

export const deleteMariadbAccountsAction = defineAction({
  name: "mariadb-accounts.delete",
  input: deleteMariadbAccountsInput,
  permission: "dbAccounts:manage",
  resource: mariadb,
  target: (input) => `mariadb-instance:${input.instanceId}`,
  handler: (input, ctx) => deleteMariadbAccounts(ctx.actor, input, ctx),
});

export const createDdsUserAction = defineAction({
  name: "dds-users.create",
  input: createDdsUserInput,
  permission: "dbAccounts:manage",
  resource: dds,
  target: ddsTarget,
  handler: (input, ctx) => createDdsUser(ctx.actor, input, ctx),
});

export const resetDdsPasswordAction = defineAction({
  name: "dds-users.reset-password",
  input: resetDdsPasswordInput,
  permission: "dbAccounts:manage",
  resource: dds,
  target: ddsTarget,
  handler: (input, ctx) => resetDdsPassword(ctx.actor, input, ctx),
});

export const deleteDdsUsersAction = defineAction({
  name: "dds-users.delete",
  input: deleteDdsUsersInput,
  permission: "dbAccounts:manage",
  resource: dds,
  target: (input) => `dds-instance:${input.instanceId}`,
  handler: (input, ctx) => deleteDdsUsers(ctx.actor, input, ctx),
});
