// Tests parse schemas as a script would: with no error map of their own, so in English.
import "@/lib/validation/server-error-map";
