/** Case- and width-insensitive form used for both a list's rows and its query (full-width digits match ASCII). */
export function normalise(text: string): string {
  // NFKC is the slow part of indexing 20,000 rows; plain ASCII is already in normal form.
  return NON_ASCII.test(text) ? text.normalize("NFKC").toLowerCase() : text.toLowerCase();
}
const NON_ASCII = /[^\u0000-\u007f]/;
