import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { statSync } from 'node:fs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ParticipantDirectory } from './participant-directory';
import { readParticipantsFile } from './participants-file';

export const PARTICIPANT_DIRECTORY = Symbol('PARTICIPANT_DIRECTORY');

/** Reloads the directory when the registry file changes, so a new participant needs no restart. */
@Injectable()
class ParticipantsFileWatcher implements OnModuleDestroy {
  private readonly timer: NodeJS.Timeout;
  private mtimeMs: number;

  constructor(
    @Inject(PARTICIPANT_DIRECTORY) private readonly directory: ParticipantDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.mtimeMs = statSync(config.participantsFile).mtimeMs;
    this.timer = setInterval(() => this.reload(), 10_000);
    this.timer.unref();
  }

  private reload(): void {
    try {
      const mtimeMs = statSync(this.config.participantsFile).mtimeMs;
      if (mtimeMs === this.mtimeMs) return;
      const snapshot = readParticipantsFile(this.config.participantsFile);
      this.directory.replace(snapshot.participants, snapshot.zorgaanbieders);
      this.mtimeMs = mtimeMs;
    } catch {
      // Keep serving the last good snapshot; the next tick tries again.
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: PARTICIPANT_DIRECTORY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const snapshot = readParticipantsFile(config.participantsFile);
        return new ParticipantDirectory(snapshot.participants, snapshot.zorgaanbieders);
      },
    },
    ParticipantsFileWatcher,
  ],
  exports: [PARTICIPANT_DIRECTORY],
})
export class ParticipantsModule {}
