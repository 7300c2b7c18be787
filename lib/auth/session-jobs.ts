import { defineSchedule } from "@/lib/jobs/define";

// Revoked-session rows are only needed until the sessions they end would have expired anyway;
// a quarter-hour is well inside any session lifetime, so the table stays small.
defineSchedule("auth.purge-revoked-sessions", "*/15 * * * *", async () => {
  // Imported when it runs: the session module pulls in Next.js and the database.
  const { purgeExpiredRevocations } = await import("./session");
  await purgeExpiredRevocations();
});
