import bcrypt from "bcryptjs";

const COST = 11;

// Compared against when the email is unknown, so both paths spend the same time.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password-used-for-timing", COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

/** Constant-time-ish: an unknown user still pays for one bcrypt comparison. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
