import { z } from "zod";
import { msg } from "./error-map";

/** Query strings of the GET routes under /api/access-control. */
export const sourceQuery = z.object({
  account: z.uuid(msg("chooseAccount")),
  project: z.string().regex(/^[A-Za-z0-9]{32}$/),
});
export const proxyQuery = sourceQuery.extend({
  instance: z.string().regex(/^[A-Za-z0-9]{32}in07$/),
  proxy: z.string().regex(/^[A-Za-z0-9]{32}po01$/),
});
