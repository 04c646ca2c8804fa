import { KvsStore } from '../../sim/forge/kvsStore';
import { InProcessQueue } from '../../sim/forge/queue';
import { installForgeRuntime } from '../../sim/forge/runtime';

// Runs before each test file: the real @forge packages find their globals already installed.
// Tests reach the handle with currentForgeRuntime() to connect a Jira simulator, act as a user or
// control the remaining invocation time.
installForgeRuntime({ kvs: new KvsStore(), queue: new InProcessQueue() });
