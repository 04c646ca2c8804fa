import { asApp, route } from '@forge/api';
import { currentForgeRuntime, InProcessQueue, installForgeRuntime, KvsStore } from '../../../sim/forge';

/** Installing and removing the runtime globals (the setup file installed one before this file loaded). */
describe('installForgeRuntime', () => {
  it('removes its globals on uninstall and can be installed again', async () => {
    currentForgeRuntime().uninstall();
    expect(() => currentForgeRuntime()).toThrow('No simulated Forge runtime installed');
    expect('__forge_fetch__' in globalThis || '__forge_runtime__' in globalThis).toBe(false);

    const runtime = installForgeRuntime({ kvs: new KvsStore(), queue: new InProcessQueue(), appAccountId: 'app-account-2' });
    expect(currentForgeRuntime()).toBe(runtime);
    expect(runtime.app.appAccountId).toBe('app-account-2');
    await expect(asApp().requestJira(route`/rest/api/3/myself`)).rejects.toThrow('No Jira simulator connected');
  });
});
