// Each e2e run starts from an empty embedded database folder (PostgreSQL runs get a fresh database from the runner).
import fs from "node:fs";
fs.rmSync(".e2e-data", { recursive: true, force: true });
fs.rmSync(".e2e-data.lock", { force: true });
