/** The Forge runtime seam's public surface. */
export { installForgeRuntime, currentForgeRuntime, type ForgeRuntimeHandle, type InstallForgeRuntimeOptions } from './runtime';
export { KvsStore, type KvsStoreOptions } from './kvsStore';
export { InProcessQueue, type InProcessQueueOptions, type QueueConsumer, type DeliveredEvent, type DeliveryRecord, type PushRecord } from './queue';
export { invokeResolver, forgeModuleContext, type InvocationContext } from './resolverInvocation';
