// Entry of the `tfjs-scaling` command-line tool: dispatches to one module per subcommand.
import { runAnalyze } from './analyze';
import { runCheckCommand } from './check';
import { own } from '../own';
import { runPredict } from './predict';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  analyze: { run: runAnalyze, summary: 'analyse an architecture given by flags' },
  check: { run: runCheckCommand, summary: 'train the network on synthetic data and compare with P*' },
  predict: { run: runPredict, summary: 'find the tfjs models in a file and predict P* for each' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return [
    'usage: tfjs-scaling <command> [options]   (tfjs-scaling <command> --help for its options)',
    '',
    ...lines,
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = own(COMMANDS, name);
  if (!command) {
    io.err(`tfjs-scaling: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

if (require.main === module) {
  const io: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`tfjs-scaling: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
