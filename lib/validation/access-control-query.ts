import { z } from "zod";
import { msg } from "./error-map";
import { proxyRefInput } from "./access-control";

/** Query strings of the GET routes under /api/access-control, with the path ids' own rules. */
const ids = proxyRefInput.shape;
export const sourceQuery = z.object({ account: z.uuid(msg("chooseAccount")), project: ids.projectId });
export const proxyQuery = sourceQuery.extend({ instance: ids.instanceId, proxy: ids.proxyId });
