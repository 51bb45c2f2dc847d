type FastUtf8 = { utf8Write?: (s: string, offset: number) => number };

/**
 * Encodes text into a buffer at an offset and returns the bytes written; the buffer must have
 * room (3 bytes per UTF-16 unit at most). Buffer#write checks its arguments and looks up the
 * encoding by name on every call; the method behind it does not. Millions of short strings go
 * through here for a big roster's outputs, where those checks add up to a visible share of
 * writing results.json and results.xlsx.
 */
export const utf8Write: (buf: Buffer, s: string, at: number) => number =
  typeof (Buffer.prototype as FastUtf8).utf8Write === 'function'
    ? (buf, s, at) => (buf as FastUtf8).utf8Write!(s, at)
    : (buf, s, at) => buf.write(s, at, 'utf8');
