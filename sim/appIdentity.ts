/**
 * The identity of the simulated app installation, shared by the Forge runtime seam and the Jira
 * simulator so that custom field keys, ARIs and the app account agree.
 */
export type EnvironmentType = 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';

export interface AppIdentity {
  appId: string;
  environmentId: string;
  environmentType: EnvironmentType;
  appVersion: string;
  installationId: string;
  cloudId: string;
  /** The app's own Atlassian account: requests made with asApp() act as this account. */
  appAccountId: string;
  appName: string;
}

export const SIMULATED_APP: AppIdentity = {
  appId: '3f6c2a9e-8d41-4b7a-9c15-6e0d7b2f4a81',
  environmentId: 'b71e5d04-2c9a-4f3e-a8d6-1c4e9f7a2b30',
  environmentType: 'DEVELOPMENT',
  appVersion: '1.0.0',
  installationId: 'e2a94c17-6b3d-4f80-9e25-a7c1d8b43f96',
  cloudId: '9c1d4e7a-3b2f-4a6c-8e5d-0f9b2a7c6e14',
  appAccountId: '712020:5e8b1c3d-integration-radar-app',
  appName: 'Integration Radar',
};

/** `ari:cloud:ecosystem::extension/<app-id>/<env-id>/static/<moduleKey>`: how Jira names a Forge module. */
export function extensionAri(app: AppIdentity, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${app.appId}/${app.environmentId}/static/${moduleKey}`;
}

export function siteAri(app: AppIdentity): string {
  return `ari:cloud:jira::site/${app.cloudId}`;
}
