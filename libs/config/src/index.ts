export {
  AppConfig,
  LogLevel,
  MAX_MESSAGE_CHARS,
  TracesExporter,
  loadConfig,
  loadConfigFromEnv,
} from './app-config';
export { ConfigError } from './config.error';
export { APP_CONFIG, ConfigModule } from './config.module';
export { EnvReader } from './env-reader';
export {
  AuthConfig,
  IncidentsConfig,
  PostgresConfig,
  WebhooksConfig,
  WorkflowConfig,
  loadWorkflowConfig,
} from './workflow-config';
export { ChainsConfig, SloConfig, SloSettingsConfig, loadSloConfig } from './slo-config';
export {
  SIMULATOR_RATE_NAMES,
  SimulatorConfig,
  SimulatorFlowName,
  SimulatorRateName,
  loadSimulatorConfig,
  loadSimulatorConfigFromEnv,
} from './simulator-config';
export {
  IntakeConfig,
  IntakeTlsConfig,
  IntakeSettingsConfig,
  KetenlogCliConfig,
  loadIntakeConfig,
  loadKetenlogCliConfig,
  loadKetenlogCliConfigFromEnv,
} from './intake-config';
