/*
 * Every operation kind of the console, imported for their registration: reconciliation must know
 * a stored row's kind even in a process that never ran one. Add each new kind's module here.
 */
import "./dms-proxy-access";
import "./taurus-access-control";
import "./db-accounts";
