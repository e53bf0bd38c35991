/** One argument as a POSIX shell reads it: bare when safe, single-quoted otherwise. */
export const shellArg = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
