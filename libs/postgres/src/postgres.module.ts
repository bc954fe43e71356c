import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { runMigrations } from './migration-runner';
import { SqlClient } from './sql-client';
import { createSqlClient } from './sql-client.factory';

/** Injection token of the shared {@link SqlClient}. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');

/**
 * Opens PostgreSQL (server or PGlite) once per process, applies the migrations before anything
 * uses it, and closes it on shutdown. Opening happens when Nest builds the module, never at import.
 */
@Global()
@Module({})
export class PostgresModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  static forRoot(): DynamicModule {
    return {
      module: PostgresModule,
      providers: [
        {
          provide: SQL_CLIENT,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<SqlClient> => {
            const client = await createSqlClient(config.postgres);
            try {
              await runMigrations(client);
            } catch (err) {
              await client.close();
              throw err;
            }
            return client;
          },
        },
      ],
      exports: [SQL_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sql.close();
  }
}
