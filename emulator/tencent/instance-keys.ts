import { constants, generateKeyPair, privateDecrypt, type KeyObject } from "node:crypto";

interface Pair {
  publicPem: string;
  privateKey: KeyObject;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * One RSA-2048 key pair per MariaDB instance, made on the first GetPublicKey for it and kept in
 * memory for the emulator's life (never journaled: a restarted emulator hands out new keys, as a
 * vendor rotating its keys would).
 */
export class InstanceKeys {
  private readonly pending = new Map<string, Promise<Pair>>();
  private readonly ready = new Map<string, Pair>();

  /** The instance's public key as a PEM SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"). */
  async publicPem(instanceId: string): Promise<string> {
    let pair = this.pending.get(instanceId);
    if (!pair) {
      pair = new Promise<Pair>((resolve, reject) => {
        generateKeyPair("rsa", { modulusLength: 2048 }, (err, publicKey, privateKey) => {
          if (err) return reject(err);
          const made = { publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKey };
          this.ready.set(instanceId, made);
          resolve(made);
        });
      });
      this.pending.set(instanceId, pair);
      pair.catch(() => this.pending.delete(instanceId));
    }
    return (await pair).publicPem;
  }

  /**
   * The UTF-8 text inside base64(RSA-OAEP-SHA1(text)) made with the instance's public key (Node's
   * publicEncrypt default padding), or undefined when it cannot be read: not base64, no key issued
   * for the instance yet, another key, or not UTF-8.
   */
  decrypt(instanceId: string, base64: string): string | undefined {
    const pair = this.ready.get(instanceId);
    if (!pair || base64.length === 0 || !BASE64.test(base64)) return undefined;
    try {
      const plain = privateDecrypt({ key: pair.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(base64, "base64"));
      return new TextDecoder("utf-8", { fatal: true }).decode(plain);
    } catch {
      return undefined;
    }
  }
}
