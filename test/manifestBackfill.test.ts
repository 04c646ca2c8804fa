import { CONSUMER_TIMEOUT_SECONDS } from '../src/backfill/jobState';
import { BACKFILL_QUEUE, MODULE_KEYS } from '../src/moduleKeys';
import { manifestModule, readManifest } from './support/appManifest';

/** The backfill's modules in manifest.yml agree with the code (Forge's validation and lint run in test/manifest.test.ts). */
const manifest = readManifest();

it('consumes the backfill queue with its own function, allowed the consumer timeout the code assumes', () => {
  const consumer = manifestModule(manifest, 'consumer', MODULE_KEYS.backfillConsumer);
  expect(consumer).toMatchObject({ queue: BACKFILL_QUEUE });
  const fn = manifestModule(manifest, 'function', consumer.function as string);
  expect(fn).toEqual({ key: consumer.function, handler: 'index.handleBackfillEvent', timeoutSeconds: CONSUMER_TIMEOUT_SECONDS });
  const users = Object.values(manifest.modules).flat().filter((module) => module.function === fn.key || (module.resolver as { function?: string } | undefined)?.function === fn.key);
  expect(users.map((module) => module.key)).toEqual([MODULE_KEYS.backfillConsumer]);
});

it('runs the relay every five minutes with its own function', () => {
  const relay = manifestModule(manifest, 'scheduledTrigger', MODULE_KEYS.backfillRelay);
  expect(relay).toMatchObject({ interval: 'fiveMinute' });
  expect(manifestModule(manifest, 'function', relay.function as string)).toEqual({ key: relay.function, handler: 'index.handleBackfillRelay' });
});
