"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { deleteCloudAccount, saveCloudAccount, testCloudAccount } from "@/lib/dal/cloud-accounts";
import { cloudAccountIdInput, cloudAccountInput } from "@/lib/validation/cloud-accounts";

export const saveCloudAccountAction = defineAction({
  name: "cloud-accounts.save",
  input: cloudAccountInput,
  permission: "cloudAccounts:manage",
  target: (input) => `cloud-account:${input.name}`,
  handler: async (input, { actor, setOutcome }) => {
    const account = await saveCloudAccount(actor, input);
    setOutcome({ params: { created: !input.id, credentialHint: account.credentialHint } });
    return { id: account.id };
  },
});

export const deleteCloudAccountAction = defineAction({
  name: "cloud-accounts.delete",
  input: cloudAccountIdInput,
  permission: "cloudAccounts:manage",
  target: (input) => `cloud-account-id:${input.id}`,
  handler: async (input, { actor, setOutcome }) => {
    const { name } = await deleteCloudAccount(actor, input.id);
    setOutcome({ target: `cloud-account:${name}` });
    return { id: input.id };
  },
});

export const testCloudAccountAction = defineAction({
  name: "cloud-accounts.test",
  input: cloudAccountIdInput,
  permission: "cloudAccounts:manage",
  target: (input) => `cloud-account-id:${input.id}`,
  handler: async (input, { actor, setOutcome }) => {
    const result = await testCloudAccount(actor, input.id);
    setOutcome({ target: `cloud-account:${result.name}`, vendorRequestId: result.requestId, message: result.summary });
    // The card shows the stored result in the reader's language; the caller needs only the request id.
    return { requestId: result.requestId };
  },
});
