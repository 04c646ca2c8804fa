import * as path from 'node:path';

/**
 * `npm start [-- --port N] [--data-dir DIR] [--import FILE.jsonl] [--reset]`. The port may also come
 * from `PORT` and the data folder from `SANDBOX_DATA_DIR`; flags win.
 */
export interface CommandLine {
  port: number;
  dataDir: string;
  importFile?: string;
  reset: boolean;
  help: boolean;
}

export const DEFAULT_PORT = 8080;

export const USAGE = `Usage: npm start [-- options]
  --port N            port on 127.0.0.1 (default: PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir DIR      where the sandbox keeps state.json (default: SANDBOX_DATA_DIR or .sandbox-data)
  --import FILE       add the tickets of a JSONL file ({key, summary, description} a line)
  --reset             delete the saved state and start from the sample tickets
  --help              show this`;

export class UsageError extends Error {}

/** Relative paths are read from where the user typed the command (`INIT_CWD`: npm runs scripts from the package folder). */
export function parseCommandLine(args: string[], env: NodeJS.ProcessEnv, repoRoot: string): CommandLine {
  const cwd = env.INIT_CWD ?? process.cwd();
  const line: CommandLine = { port: portOf(env.PORT ?? String(DEFAULT_PORT), 'PORT'), dataDir: env.SANDBOX_DATA_DIR ? path.resolve(cwd, env.SANDBOX_DATA_DIR) : path.join(repoRoot, '.sandbox-data'), reset: false, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? args[++index];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        line.port = portOf(value(), '--port');
        break;
      case '--data-dir':
        line.dataDir = path.resolve(cwd, value());
        break;
      case '--import':
        line.importFile = path.resolve(cwd, value());
        break;
      case '--reset':
        line.reset = true;
        break;
      case '--help':
      case '-h':
        line.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return line;
}

function portOf(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${source} must be a port number from 0 to 65535, not '${text}'`);
  return port;
}
