// Each e2e run starts its servers from empty data folders: `node reset-data.mjs console|emulator`.
// (PostgreSQL runs get a fresh database from scripts/test-all.ts instead.)
import fs from "node:fs";
const which = process.argv[2];
if (which !== "console" && which !== "emulator") throw new Error("usage: reset-data.mjs console|emulator");
fs.rmSync(`.e2e-data/${which}`, { recursive: true, force: true });
