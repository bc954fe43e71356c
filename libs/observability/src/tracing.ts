import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { AppConfig } from '@app/config';

let sdk: NodeSDK | undefined;

/**
 * OpenTelemetry bootstrap. Imported first in every main.ts so instrumentation can patch modules
 * before they load. Off by default (OTEL_TRACES_EXPORTER=none); `console` or `otlp` turn it on.
 */
export function startTracing(config: Pick<AppConfig, 'tracing' | 'serviceName'>): boolean {
  if (config.tracing.exporter === 'none' || sdk) return false;
  const exporter: tracing.SpanExporter =
    config.tracing.exporter === 'console'
      ? new tracing.ConsoleSpanExporter()
      : new OTLPTraceExporter(config.tracing.otlpEndpoint ? { url: config.tracing.otlpEndpoint } : {});
  sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: exporter,
    instrumentations: [new HttpInstrumentation()],
  });
  sdk.start();
  return true;
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
