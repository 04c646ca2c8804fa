import { kvs } from '@forge/kvs';
import { DEFAULT_ADMIN_CONFIG, type AdminConfig } from '../../src/config/schema';
import { CONFIG_KEY, loadConfig, saveConfig } from '../../src/config/store';

/** The store through the real @forge/kvs, against the simulated runtime's in-memory KVS. */
const saved: AdminConfig = { ...DEFAULT_ADMIN_CONFIG, enabledProjects: ['PAY'], labelPrefix: 'radar-', autoLabelOnUpdate: false };

afterEach(async () => {
  await kvs.delete(CONFIG_KEY);
  jest.restoreAllMocks();
});

it('gives the defaults when nothing is stored', async () => {
  await expect(loadConfig()).resolves.toEqual(DEFAULT_ADMIN_CONFIG);
});

it('stores the configuration under its versioned key and reads it back', async () => {
  await saveConfig(saved);
  await expect(kvs.get(CONFIG_KEY)).resolves.toEqual(saved);
  await expect(loadConfig()).resolves.toEqual(saved);
  expect(CONFIG_KEY).toMatch(/:v\d+$/);
});

it('uses the defaults for a corrupt stored value and logs which fields were wrong, not their values', async () => {
  const logged: string[] = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
  await kvs.set(CONFIG_KEY, { ...saved, labelPrefix: 'secret prefix', threshold: 7 });

  await expect(loadConfig()).resolves.toEqual(DEFAULT_ADMIN_CONFIG);
  expect(logged.map((line) => JSON.parse(line))).toEqual([{ level: 'error', event: 'config-invalid', decision: 'using-defaults', invalidPaths: ['labelPrefix', 'threshold'] }]);
  expect(logged.join('')).not.toContain('secret');
});
