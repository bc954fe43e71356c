// Imported first by main.ts: tracing must patch modules before they are loaded.
import { loadConfigFromEnv } from '@app/config';
import { startTracing } from '@app/observability';

startTracing(loadConfigFromEnv('ketenmonitor-intake'));
