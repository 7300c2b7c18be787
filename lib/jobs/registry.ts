/**
 * Every module that defines queues or schedules, imported so the engine knows them all when it
 * starts (a queue nobody imported would have jobs and no worker). Keep it a plain list: add your
 * feature's `*-jobs.ts` module here.
 */
import "@/lib/auth/session-jobs";
import "@/lib/jobs/demo-jobs";
import "@/lib/operations/jobs";
import "@/lib/dal/bulk-grants-jobs";
