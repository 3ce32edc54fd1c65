/**
 * One colour decision per stream, made here rather than by chalk (whose detection ignores
 * NO_COLOR and sniffs argv): --no-color, then --color or FORCE_COLOR, then NO_COLOR or
 * TERM=dumb, then whether the stream is a terminal.
 */
export function useColor(opts: {
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}): boolean {
  if (opts.flag === false) return false;
  if (opts.flag === true) return true;
  const force = opts.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  const noColor = opts.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  if (opts.env['TERM'] === 'dumb') return false;
  return opts.isTTY;
}
