import { LoggerService } from '@nestjs/common';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: Level = 'info';

/** Structured logs: one JSON object per line on stdout (stderr for errors). Also Nest's logger. */
export class JsonLogger implements LoggerService {
  static setLevel(level: Level): void {
    threshold = level;
  }

  constructor(private readonly context = 'app') {}

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  info(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (ORDER[level] < ORDER[threshold]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, context: this.context };
    // Nest passes the context as the last string argument; objects are merged as fields.
    for (const item of rest) {
      if (typeof item === 'string') entry.context = item;
      else if (item instanceof Error)
        entry.error = { name: item.name, message: item.message, stack: item.stack };
      else if (item && typeof item === 'object') Object.assign(entry, item);
    }
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.error = { name: message.name, stack: message.stack };
    } else {
      entry.msg = typeof message === 'string' ? message : JSON.stringify(message);
    }
    const line = JSON.stringify(entry) + '\n';
    if (level === 'error') process.stderr.write(line);
    else process.stdout.write(line);
  }
}
