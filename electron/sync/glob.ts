/**
 * The small glob dialect of manifest paths, matched against `/`-separated paths relative to the
 * source: `*` any run of characters except `/`, `**` any run including `/` (`**\/` also matches
 * no folder at all), `?` one character except `/`, `[abc]`/`[a-z]` a character class. Everything
 * else is literal, and matching is case-sensitive (as on the servers extracts come from).
 */

/** Whether `pattern` contains glob syntax (otherwise it names exactly one file). */
export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Compiles a glob to an anchored regular expression. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i += 1;
        if (pattern[i + 1] === '/') {
          i += 1;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) {
        re += '\\[';
      } else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
        re += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = close;
      }
    } else {
      re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}
