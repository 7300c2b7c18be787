"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { createUser, resetUserPassword, setUserDisabled, updateUser } from "@/lib/dal/users";
import { createUserInput, setUserDisabledInput, updateUserInput, userIdInput } from "@/lib/validation/users";

export const createUserAction = defineAction({
  name: "users.create",
  input: createUserInput,
  permission: "users:manage",
  target: (input) => `user:${input.email}`,
  handler: async (input, { actor }) => createUser(actor, input),
});

export const updateUserAction = defineAction({
  name: "users.update",
  input: updateUserInput,
  permission: "users:manage",
  target: (input) => `user-id:${input.id}`,
  handler: async (input, { actor, setOutcome }) => {
    const result = await updateUser(actor, input);
    setOutcome({ target: `user:${result.email}`, params: { previousRoles: result.previousRoles } });
    return { id: result.id };
  },
});

export const setUserDisabledAction = defineAction({
  name: "users.set-disabled",
  input: setUserDisabledInput,
  permission: "users:manage",
  target: (input) => `user-id:${input.id}`,
  handler: async (input, { actor, setOutcome }) => {
    const result = await setUserDisabled(actor, input);
    setOutcome({ target: `user:${result.email}` });
    return { id: result.id, disabled: input.disabled };
  },
});

export const resetUserPasswordAction = defineAction({
  name: "users.reset-password",
  input: userIdInput,
  permission: "users:manage",
  target: (input) => `user-id:${input.id}`,
  handler: async (input, { actor, setOutcome }) => {
    const result = await resetUserPassword(actor, input);
    setOutcome({ target: `user:${result.email}` });
    return { id: result.id, temporaryPassword: result.temporaryPassword };
  },
});
