import { constants, publicEncrypt } from "node:crypto";
import { isProviderError, ProviderError } from "@/lib/providers/errors";

/** How a password reached the vendor: RSA-encrypted with the instance's GetPublicKey key, or as Password. */
export type PasswordSent = "encrypted" | "plain";

/** The password fields of one CreateAccount or ResetAccountPassword, and what must never surface. */
export interface PasswordFields {
  params: { Password: string } | { EncryptedPassword: string };
  sent: PasswordSent;
  /** The password and, when encrypted, the ciphertext too: both are scrubbed from anything surfaced. */
  secrets: string[];
}

/** A GetPublicKey answer (key or "not available to this caller") is reused this long per instance. */
export const PUBLIC_KEY_TTL_MS = 10 * 60_000;

/**
 * Answers meaning GetPublicKey does not exist or is not open to these credentials: the password is
 * then sent as Password, as before GetPublicKey existed. Anything else is a real failure.
 */
const KEY_UNAVAILABLE = /^(InvalidAction|UnsupportedOperation(\..+)?|UnauthorizedOperation(\..+)?|AuthFailure\.UnauthorizedOperation)$/;

export function isPublicKeyUnavailable(error: unknown): boolean {
  return isProviderError(error) && error.kind === "vendor" && KEY_UNAVAILABLE.test(error.code);
}

/** base64(RSA-OAEP with SHA-1 (Node's publicEncrypt default) of the UTF-8 password), as EncryptedPassword expects. */
export function encryptPassword(publicKeyPem: string, password: string): string {
  try {
    return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(password, "utf8")).toString("base64");
  } catch {
    throw new ProviderError({
      vendor: "tencent", service: "mariadb", action: "GetPublicKey", kind: "invalid-response", code: "InvalidResponse",
      vendorMessage: "GetPublicKey returned a key that cannot encrypt the password (expected a PEM RSA public key)",
    });
  }
}

interface CachedKey {
  /** Undefined when GetPublicKey is not available: `unavailable` holds the vendor's answer. */
  publicKey?: string;
  requestId?: string;
  unavailable?: unknown;
  at: number;
}

const aborted = (error: unknown) => isProviderError(error) && error.code === "Aborted";

/**
 * Per-client cache of each instance's public key, and the choice between EncryptedPassword and
 * Password that follows from it. `fetchKey` is the client's GetPublicKey call; `now` its clock.
 * Concurrent calls for one instance share one GetPublicKey, so a burst of creates asks once.
 */
export function createPasswordSender(
  fetchKey: (instanceId: string, signal?: AbortSignal) => Promise<{ publicKey: string; requestId?: string }>,
  now: () => number,
) {
  const cache = new Map<string, CachedKey>();
  const inflight = new Map<string, Promise<CachedKey>>();

  async function lookup(instanceId: string, signal?: AbortSignal): Promise<CachedKey> {
    const hit = cache.get(instanceId);
    if (hit && now() - hit.at < PUBLIC_KEY_TTL_MS) return hit;
    let pending = inflight.get(instanceId);
    if (!pending) {
      pending = fetchKey(instanceId, signal)
        .then(
          (res): CachedKey => ({ publicKey: res.publicKey, requestId: res.requestId, at: now() }),
          (error: unknown): CachedKey => {
            if (!isPublicKeyUnavailable(error)) throw error;
            return { unavailable: error, at: now() };
          },
        )
        .then((entry) => (cache.set(instanceId, entry), entry))
        .finally(() => inflight.delete(instanceId));
      inflight.set(instanceId, pending);
    }
    try {
      return await pending;
    } catch (error) {
      // The shared request was cancelled by the caller that started it, not by this one: ask again.
      if (aborted(error) && !signal?.aborted) return lookup(instanceId, signal);
      throw error;
    }
  }

  return {
    /** The instance's key from the cache or the vendor; throws what GetPublicKey throws (also when cached). */
    async publicKey(instanceId: string, signal?: AbortSignal): Promise<{ publicKey: string; requestId?: string }> {
      const entry = await lookup(instanceId, signal);
      if (entry.publicKey === undefined) throw entry.unavailable;
      return { publicKey: entry.publicKey, requestId: entry.requestId };
    },

    /** EncryptedPassword when the instance has a key, Password when GetPublicKey is not available. */
    async fields(instanceId: string, password: string, signal?: AbortSignal): Promise<PasswordFields> {
      const { publicKey } = await lookup(instanceId, signal);
      if (publicKey === undefined) return { params: { Password: password }, sent: "plain", secrets: [password] };
      let encrypted: string;
      try {
        encrypted = encryptPassword(publicKey, password);
      } catch (error) {
        cache.delete(instanceId);
        throw error;
      }
      return { params: { EncryptedPassword: encrypted }, sent: "encrypted", secrets: [password, encrypted] };
    },

    /**
     * After a refused call that carried EncryptedPassword: the key may have been rotated, so the next
     * call asks for it again.
     */
    forget(instanceId: string): void {
      cache.delete(instanceId);
    },
  };
}
