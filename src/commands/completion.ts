import { Output } from '../output/writer.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';

/** The commands and options a shell offers after `sgtrail`, from the program itself. */
export interface CompletionSpec {
  commands: { name: string; options: string[] }[];
}

function bash(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) opts="${c.options.join(' ')}" ;;`).join('\n');
  return `# bash completion for sgtrail (source it, or put it in ~/.local/share/bash-completion/completions/sgtrail)
_sgtrail() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}" opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${spec.commands.map((c) => c.name).join(' ')} --help --version" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -o filenames -F _sgtrail sgtrail
`;
}

function zsh(spec: CompletionSpec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) _arguments ${c.options.map((o) => `'${o}[]'`).join(' ')} '*:file:_files' ;;`).join('\n');
  return `#compdef sgtrail
# zsh completion for sgtrail (put it in a directory of $fpath as _sgtrail)
_sgtrail() {
  if (( CURRENT == 2 )); then
    compadd ${spec.commands.map((c) => c.name).join(' ')}
    return
  fi
  case $words[2] in
${cases}
  esac
}
_sgtrail "$@"
`;
}

function fish(spec: CompletionSpec): string {
  const lines = [`# fish completion for sgtrail (put it in ~/.config/fish/completions/sgtrail.fish)`];
  lines.push(`complete -c sgtrail -n __fish_use_subcommand -a '${spec.commands.map((c) => c.name).join(' ')}'`);
  for (const c of spec.commands) {
    for (const o of c.options) {
      if (o.startsWith('--')) lines.push(`complete -c sgtrail -n '__fish_seen_subcommand_from ${c.name}' -l ${o.slice(2)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const SHELLS = { bash, zsh, fish } as const;
type Shell = keyof typeof SHELLS;

/** `sgtrail completion bash|zsh|fish`: a completion script on stdout. */
export async function runCompletion(shell: Shell, spec: CompletionSpec, io: Io): Promise<ExitCode> {
  const out = new Output(io.stdout);
  out.write(SHELLS[shell](spec));
  await out.end();
  return EXIT.ok;
}
