/**
 * Runs once when the server starts: validates the configuration and opens, migrates and seeds the
 * database before the first request. A bad configuration or a locked data folder ends the
 * process with a clear message instead of a server that answers 500 forever.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup");
    await startServer();
  }
}
