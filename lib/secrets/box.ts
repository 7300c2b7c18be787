import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Encrypts cloud credentials at rest with AES-256-GCM under CREDENTIALS_KEY. The envelope is
 * "v1.<iv>.<tag>.<ciphertext>" (base64url parts); the associated data binds it to one record so
 * a ciphertext copied onto another cloud account does not decrypt there.
 */

const VERSION = "v1";

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("CREDENTIALS_KEY must decode to 32 bytes");
  return key;
}

export function sealSecret(plaintext: string, base64Key: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(base64Key), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export class SecretBoxError extends Error {
  constructor() {
    super("Stored credentials cannot be decrypted: CREDENTIALS_KEY differs from the key they were saved with.");
    this.name = "SecretBoxError";
  }
}

export function openSecret(envelope: string, base64Key: string, associatedData: string): string {
  const [version, iv, tag, ciphertext] = envelope.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new SecretBoxError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(base64Key), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError();
  }
}

/** What the UI shows for a secret-bearing field: enough to recognise it, never enough to use it. */
export function maskIdentifier(value: string): string {
  if (value.length <= 8) return "••••";
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}
