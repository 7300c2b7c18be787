import { z } from "zod";
import { msg } from "./error-map";

/*
 * Query strings of the GET routes under /api/accounts: a cloud account, its scope (a Tencent
 * region or a Huawei project id) and an instance, each with the vendor's documented shape, so a
 * malformed value never reaches a vendor URL or body.
 */

const account = z.uuid(msg("chooseAccount"));
const vendor = z.enum(["tencent", "huawei"], msg("invalidOption"));
/** A Tencent region (ap-guangzhou) or a Huawei project id (32 letters and digits). */
const scope = z.string(msg("invalidFormat")).regex(/^(?:[a-z]{2}-[a-z]+(?:-\d+)?|[A-Za-z0-9]{32})$/, msg("invalidFormat"));
/** tdsql-xxxxxxxx (Tencent) or 8–64 letters and digits (DDS). */
const instance = z.string(msg("invalidFormat")).regex(/^(?:tdsql-[a-z0-9]{8}|[A-Za-z0-9]{8,64})$/, msg("invalidFormat"));

export const scopeQuery = z.object({ account, vendor, scope });
export const instanceQuery = scopeQuery.extend({ instance });
export const rolesQuery = instanceQuery.extend({ db: z.string(msg("invalidFormat")).regex(/^[A-Za-z0-9_]{1,64}$/, msg("invalidFormat")).default("admin") });
