import './tracing.bootstrap';
import { loadConfigFromEnv } from '@app/config';
import { JsonLogger, collectProcessMetrics } from '@app/observability';
import { createIntakeApp } from './intake.bootstrap';

async function main(): Promise<void> {
  const config = loadConfigFromEnv('ketenmonitor-intake');
  collectProcessMetrics();
  const app = await createIntakeApp(config);
  await app.listen(config.http.port, config.http.host);
  const base = `${config.intake.tls ? 'https' : 'http'}://${config.http.host}:${config.http.port}`;
  new JsonLogger('intake').info('intake started', {
    api: `${base}/eagleeye/v1`,
    docs: `${base}/eagleeye/v1/swagger`,
    clientCertificates: config.intake.tls?.clientCaFile ? config.intake.tls.clientAuth : 'off',
  });
}

main().catch((err) => {
  new JsonLogger('intake').error('intake failed to start', err);
  process.exit(1);
});
