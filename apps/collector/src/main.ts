import './tracing.bootstrap';
import { loadConfigFromEnv } from '@app/config';
import { JsonLogger, collectProcessMetrics } from '@app/observability';
import { createCollectorApp } from './collector.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigFromEnv('ketenmonitor-collector');
  collectProcessMetrics();
  const app = await createCollectorApp(config);
  await app.listen(config.http.port, config.http.host);
  new JsonLogger('collector').info('collector started', {
    metrics: `http://${config.http.host}:${config.http.port}/metrics`,
  });
}

main().catch((err) => {
  new JsonLogger('collector').error('collector failed to start', err);
  process.exit(1);
});
