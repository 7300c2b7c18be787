import bcrypt from "bcryptjs";

const COST = 11;

// Compared against when the email is unknown, so both paths spend the same time. A constant
// (the cost-11 hash of a throwaway string): hashing it at import cost ~200 ms of every cold start.
const DUMMY_HASH = "$2b$11$PRxoH.E3wJ1hH24Yv.9ice0GFLLU.XTwhUK/URlruqqeMBnq6vV0i";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

/** Constant-time-ish: an unknown user still pays for one bcrypt comparison. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
