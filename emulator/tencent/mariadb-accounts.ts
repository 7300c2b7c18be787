import type { EmuContext } from "../context";
import type { MariaAccount, MariaInstance } from "../state-types";
import { delOp, putOp } from "../store";
import { formatChinaTime, hashSecret } from "../util";
import { generic, TencentError } from "./errors";
import type { MariaCall } from "./maria-call";
import { findInstance, kernelOf, requireRunning } from "./mariadb-instances";
import { Params, type ParamSpec } from "./params";

// Seed 003 (the English CreateAccount page): 1-32 letters, digits, "_" and "-". The Chinese page's
// "must start with a letter" is not on the English one, so the emulator does not enforce it.
const USER_RE = /^[A-Za-z0-9_-]{1,32}$/;
// MySQL host column: %, IPv4/IPv6 literals and patterns with % and _, host names, ip/netmask.
const HOST_RE = /^[A-Za-z0-9%_.:/-]{1,60}$/;
const PASSWORD_SYMBOLS = "()~!@#$%^&*-+=_|{}[]:<>,.?/";
const SYSTEM_USERS = /^(root|mysql\..+|tdsqlsys_.*)$/i;

export function accountKey(instanceId: string, userName: string, host: string): string {
  return `${instanceId}|${userName}|${host.toLowerCase()}`;
}

function checkUserName(name: string): void {
  if (SYSTEM_USERS.test(name)) throw new TencentError("InvalidParameterValue.SuperUserForbidden", "Operations by a system user are not allowed.");
  if (!USER_RE.test(name)) {
    throw generic("UserName must be 1-32 letters, digits, underscores or hyphens.");
  }
}

function checkHost(host: string): void {
  if (!HOST_RE.test(host) || host.includes("..")) throw generic("Host must use MySQL host syntax, e.g. %, 10.%, 10.20.% or 192.168.1.0/255.255.255.0.");
}

/** The strict four-class rule, which satisfies every published version of the policy. */
export function checkPassword(pw: string): void {
  for (const c of pw) {
    if (!/[A-Za-z0-9]/.test(c) && !PASSWORD_SYMBOLS.includes(c)) {
      throw new TencentError("InvalidParameter.CharacterError", "The password contains invalid characters.");
    }
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (pw.length < 8 || pw.length > 32 || pw.startsWith("/") || classes < 4) {
    throw generic("Password must be 8-32 characters with lowercase and uppercase letters, digits and symbols, and must not start with '/'.");
  }
}

/**
 * The password of a CreateAccount or ResetAccountPassword: exactly one of Password and
 * EncryptedPassword (base64 RSA-OAEP with the instance's GetPublicKey key), held to the same rules.
 */
function requirePassword(call: MariaCall, instanceId: string, p: Params): string {
  const plain = p.str("Password");
  const encrypted = p.str("EncryptedPassword");
  if (plain !== undefined && encrypted !== undefined) {
    throw new TencentError("InvalidParameter", "Send either `Password` or `EncryptedPassword`, not both.");
  }
  if (plain === undefined && encrypted === undefined) {
    throw new TencentError("MissingParameter", "The request is missing a required parameter `Password` (or `EncryptedPassword`).");
  }
  const pw = plain ?? call.keys.decrypt(instanceId, encrypted ?? "");
  if (pw === undefined) {
    throw new TencentError(
      "InvalidParameterValue",
      `EncryptedPassword could not be decrypted: it must be base64 of RSA-OAEP (SHA-1) of the password with the key GetPublicKey returns for ${instanceId}.`,
    );
  }
  checkPassword(pw);
  return pw;
}

const ADDRESS: Record<string, ParamSpec> = {
  InstanceId: { type: "string", required: true },
  UserName: { type: "string", required: true },
  Host: { type: "string", required: true },
};

function accountView(a: MariaAccount): Record<string, unknown> {
  return {
    UserName: a.userName,
    Host: a.host,
    Description: a.description,
    CreateTime: formatChinaTime(a.createTime),
    UpdateTime: formatChinaTime(a.updateTime),
    ReadOnly: a.readOnly,
    DelayThresh: a.delayThresh,
    SlaveConst: a.slaveConst,
    MaxUserConnections: a.maxUserConnections,
  };
}

function existing(ctx: EmuContext, instanceId: string, p: Params): MariaAccount {
  const userName = p.str("UserName") ?? "";
  const host = p.str("Host") ?? "";
  if (SYSTEM_USERS.test(userName)) throw new TencentError("InvalidParameterValue.SuperUserForbidden", "Operations by a system user are not allowed.");
  const a = ctx.store.get("mariaAccounts", accountKey(instanceId, userName, host));
  if (!a) throw new TencentError("ResourceNotFound.AccountDoesNotExist", `The account ${userName}@${host} does not exist.`);
  return a;
}

export function describeAccounts({ ctx, region, params }: MariaCall) {
  const p = new Params(params, { InstanceId: { type: "string", required: true } });
  const inst = findInstance(ctx, region, p.str("InstanceId"));
  requireRunning(inst);
  const users = ctx.store
    .values("mariaAccounts")
    .filter((a) => a.instanceId === inst.instanceId)
    .sort((a, b) => a.userName.localeCompare(b.userName) || a.host.localeCompare(b.host));
  return { InstanceId: inst.instanceId, Users: users.map(accountView) };
}

/**
 * Seed 003 and providers.md 3.3: MaxUserConnections "is not supported for kernel version 10.1".
 * The page names no code for it; UnsupportedOperation is the common code for "this operation is not
 * supported for the resource", which fits better than a parameter-format code: the value is valid,
 * the kernel does not take it.
 */
function checkMaxConnectionsSupported(inst: MariaInstance, maxConn: number): void {
  if (maxConn !== 0 && kernelOf(inst) === "10.1") {
    throw new TencentError("UnsupportedOperation", `MaxUserConnections is not supported on kernel 10.1 (instance ${inst.instanceId}); leave it out or send 0.`);
  }
}

export function createAccount(call: MariaCall) {
  const { ctx, region } = call;
  const p = new Params(call.params, {
    ...ADDRESS,
    Password: { type: "string" }, EncryptedPassword: { type: "string" }, ReadOnly: { type: "int" },
    Description: { type: "string" }, DelayThresh: { type: "int" }, SlaveConst: { type: "int" },
    MaxUserConnections: { type: "int" },
  });
  const inst = findInstance(ctx, region, p.str("InstanceId"));
  const userName = p.str("UserName") ?? "";
  const host = p.str("Host") ?? "";
  checkUserName(userName);
  checkHost(host);
  const password = requirePassword(call, inst.instanceId, p);
  const readOnly = p.int("ReadOnly") ?? 0;
  if (readOnly < 0 || readOnly > 3) throw generic("ReadOnly must be 0, 1, 2 or 3.");
  const description = p.str("Description") ?? "";
  if ([...description].length > 256 || /[\u0000-\u001f]/.test(description)) throw generic("Description must be at most 256 printable characters.");
  const delayThresh = p.int("DelayThresh") ?? 0;
  const slaveConst = p.int("SlaveConst") ?? 0;
  const maxConn = p.int("MaxUserConnections") ?? 0;
  if (delayThresh < 0 || delayThresh > 10_000) throw generic("DelayThresh must be between 0 and 10000.");
  if (slaveConst !== 0 && slaveConst !== 1) throw generic("SlaveConst must be 0 or 1.");
  if (maxConn < 0 || maxConn > 10_240) throw generic("MaxUserConnections must be between 0 and 10240.");
  checkMaxConnectionsSupported(inst, maxConn);
  requireRunning(inst);
  const key = accountKey(inst.instanceId, userName, host);
  if (ctx.store.get("mariaAccounts", key)) {
    throw new TencentError("InvalidParameterValue.AccountAlreadyExists", "The account to be created already exists.");
  }
  const now = ctx.now();
  ctx.store.commit([
    putOp("mariaAccounts", key, {
      instanceId: inst.instanceId, userName, host, description, readOnly, delayThresh, slaveConst,
      maxUserConnections: maxConn, passwordHash: hashSecret(password), createTime: now, updateTime: now,
    }),
  ]);
  return { InstanceId: inst.instanceId, UserName: userName, Host: host, ReadOnly: readOnly };
}

export function deleteAccount({ ctx, region, params }: MariaCall) {
  const p = new Params(params, ADDRESS);
  const inst = findInstance(ctx, region, p.str("InstanceId"));
  requireRunning(inst);
  const a = existing(ctx, inst.instanceId, p);
  ctx.store.commit([delOp("mariaAccounts", accountKey(a.instanceId, a.userName, a.host))]);
  return {};
}

export function resetAccountPassword(call: MariaCall) {
  const { ctx, region } = call;
  const p = new Params(call.params, { ...ADDRESS, Password: { type: "string" }, EncryptedPassword: { type: "string" } });
  const inst = findInstance(ctx, region, p.str("InstanceId"));
  const password = requirePassword(call, inst.instanceId, p);
  requireRunning(inst);
  const a = existing(ctx, inst.instanceId, p);
  ctx.store.commit([
    putOp("mariaAccounts", accountKey(a.instanceId, a.userName, a.host), {
      ...a, passwordHash: hashSecret(password), updateTime: ctx.now(),
    }),
  ]);
  return {};
}

/**
 * GetPublicKey (assumed shape, see README): the instance's RSA-2048 public key as PEM, for
 * EncryptedPassword. Any instance that exists answers, whatever its state; the account call that
 * follows is the one that checks the state.
 */
export async function getPublicKey({ ctx, region, params, keys }: MariaCall) {
  const p = new Params(params, { InstanceId: { type: "string", required: true } });
  const inst = findInstance(ctx, region, p.str("InstanceId"));
  return { PublicKey: await keys.publicPem(inst.instanceId) };
}
