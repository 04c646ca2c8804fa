import * as path from 'node:path';
import { DEFAULT_PORT, parseCommandLine, UsageError } from '../../sandbox/options';

const REPO = '/repo';

describe('npm start options', () => {
  it('defaults to port 8080 and .sandbox-data in the repo', () => {
    expect(parseCommandLine([], {}, REPO)).toEqual({ port: DEFAULT_PORT, dataDir: path.join(REPO, '.sandbox-data'), reset: false, help: false });
  });

  it('takes the port from PORT, and a flag over it', () => {
    expect(parseCommandLine([], { PORT: '9000' }, REPO).port).toBe(9000);
    expect(parseCommandLine(['--port', '0'], { PORT: '9000' }, REPO).port).toBe(0);
    expect(parseCommandLine(['--port=8181'], {}, REPO).port).toBe(8181);
  });

  it('reads relative paths from where the command was typed (INIT_CWD), not from the package folder npm runs in', () => {
    const line = parseCommandLine(['--import', '../corpus/mesos.jsonl', '--data-dir', 'state', '--reset'], { INIT_CWD: '/home/me/work' }, REPO);
    expect(line).toMatchObject({ importFile: '/home/me/corpus/mesos.jsonl', dataDir: '/home/me/work/state', reset: true });
    expect(parseCommandLine([], { INIT_CWD: '/home/me', SANDBOX_DATA_DIR: 'tmp/sb' }, REPO).dataDir).toBe('/home/me/tmp/sb');
  });

  it('refuses bad ports, missing values and unknown options with a message', () => {
    expect(() => parseCommandLine(['--port', '80a'], {}, REPO)).toThrow(new UsageError("--port must be a port number from 0 to 65535, not '80a'"));
    expect(() => parseCommandLine([], { PORT: '70000' }, REPO)).toThrow(UsageError);
    expect(() => parseCommandLine(['--import'], {}, REPO)).toThrow('--import needs a value');
    expect(() => parseCommandLine(['--verbose'], {}, REPO)).toThrow('unknown option --verbose');
  });
});
