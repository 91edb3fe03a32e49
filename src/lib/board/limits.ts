/**
 * Characters one object's text may hold (a note, a label): the server's default `MAX_TEXT_CHARS`,
 * which refuses longer texts; text fields stop there, so that nobody types into a refusal.
 * (A module of its own: the server's configuration reads it before anything else is loaded.)
 */
export const MAX_TEXT_CHARS = 5000;
