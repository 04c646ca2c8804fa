export { PATTERNS, patternById } from './patterns';
export { PROVIDERS, providerById } from './providers';
export {
  API_DOCUMENTATION_REQUIREMENTS,
  WEBHOOK_SECURITY_CHECKLIST,
  TEST_ENVIRONMENTS,
  EMAIL_PROVIDER_MOCK,
  SMS_PROVIDER_MOCK,
  PUSH_PROVIDER_MOCK,
} from './guidance';
