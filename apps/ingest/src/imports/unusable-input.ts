/** The input as a whole cannot be used (unreadable file, unknown table layout): nothing is stored; the import is `failed`. */
export class UnusableInput extends Error {}
