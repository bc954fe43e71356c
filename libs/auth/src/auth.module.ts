import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuthGuard } from './auth.guard';
import { readOrCreateDevSecret } from './dev-token';
import { TokenVerifier } from './token-verifier';

/** Provides the {@link TokenVerifier} and {@link AuthGuard}; the app registers the guard globally. */
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new TokenVerifier(
          config.auth,
          config.auth.jwksUrl
            ? undefined
            : (config.auth.jwtSecret ?? readOrCreateDevSecret(config.auth.devSecretFile)),
        ),
    },
    AuthGuard,
  ],
  exports: [TokenVerifier, AuthGuard],
})
export class AuthModule {}
