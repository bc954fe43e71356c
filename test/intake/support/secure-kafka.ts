import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const LIBS = join(ROOT, 'deploy', 'local', 'kafka', 'libs');
const LOG4J = `-Dlog4j2.configurationFile=${join(ROOT, 'deploy', 'local', 'kafka', 'log4j2.properties')}`;
export const KAFKA_CLASSPATH = `${LIBS}/*`;
export const ADMIN = { username: 'admin', password: 'admin-secret-for-e2e' };

/**
 * A single-node KRaft broker with SASL/SCRAM-SHA-512 on its client listener and the standard
 * authorizer (no ACL = no access; `admin` is the super user), for the ACL test. Started from the
 * same jars as deploy/local/kafka/kafka.sh, which runs brokers without authentication.
 */
export class SecureKafka {
  private constructor(
    private readonly child: ChildProcess,
    readonly brokers: string[],
  ) {}

  static async start(dir: string, port: number): Promise<SecureKafka> {
    const cport = port + 1;
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const props = join(dir, 'server.properties');
    writeFileSync(
      props,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.bootstrap.servers=127.0.0.1:${cport}`,
        `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}`,
        `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}`,
        'inter.broker.listener.name=SASL_PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
        'sasl.enabled.mechanisms=SCRAM-SHA-512',
        'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
        `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN.username}" password="${ADMIN.password}";`,
        'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        `super.users=User:${ADMIN.username};User:ANONYMOUS`,
        'allow.everyone.if.no.acl.found=false',
        `log.dirs=${join(dir, 'logs')}`,
        'num.partitions=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        'message.max.bytes=67108864',
      ].join('\n'),
    );
    const java = (args: string[]) =>
      spawnSync('java', [LOG4J, '-cp', KAFKA_CLASSPATH, ...args], { encoding: 'utf8', timeout: 120_000 });
    const id = java(['kafka.tools.StorageTool', 'random-uuid']).stdout.trim();
    const format = java([
      'kafka.tools.StorageTool',
      'format',
      '--standalone',
      '-t',
      id,
      '-c',
      props,
      '--add-scram',
      `SCRAM-SHA-512=[name=${ADMIN.username},password=${ADMIN.password}]`,
    ]);
    if (format.status !== 0) throw new Error(`formatting the secure broker failed: ${format.stderr}`);
    const logFile = join(dir, 'broker.log');
    const fd = openSync(logFile, 'a');
    const child = spawn(
      'java',
      ['-Xms128m', '-Xmx384m', LOG4J, '-cp', KAFKA_CLASSPATH, 'kafka.Kafka', props],
      {
        stdio: ['ignore', fd, fd],
      },
    );
    closeSync(fd);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (readFileSync(logFile, 'utf8').includes('Kafka Server started')) {
        return new SecureKafka(child, [`127.0.0.1:${port}`]);
      }
      if (child.exitCode !== null)
        throw new Error(`secure broker exited: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    child.kill('SIGKILL');
    throw new Error('secure broker not ready within 90 s');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
