/**
 * Text from inputs, made the same for every output (docs/decisions.md, "Text from inputs"):
 * a lone surrogate (half an emoji) becomes U+FFFD; controls (C0 but tab and line breaks, DEL,
 * C1, among them the ESC that starts a terminal's escape sequences) and bidirectional
 * overrides, embeddings, isolates and marks (U+202E shows text backwards) are removed.
 * results.json, results.xlsx, summary.md and the terminal then all show one text.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const REMOVED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Input text made inert for every output; the common case (nothing to do) costs one test. */
export function inertText(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(LONE_SURROGATE, '\ufffd').replace(REMOVED, '');
}
