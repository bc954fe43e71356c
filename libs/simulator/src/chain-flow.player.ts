import { KetenlogLine } from '@app/ketenlog';
import {
  AUTHENTICATION_ERRORS,
  AUTHORIZATION_REQUEST_ERRORS_AT_DVA,
  AUTHORIZATION_REQUEST_ERRORS_TO_DVP,
  AVAILABILITY_CHECK_ERRORS,
  DVAUTHN_HOST,
  ErrorChoice,
  RESOURCE_ERRORS,
  TOKEN_ERRORS,
  resourcesFor,
} from './chain-vocabulary';
import { ChainRecorder } from './chain-recorder';
import { SeededRandom } from './seeded-random';
import { ChainFlow, ChainOutcome } from './simulation-options';
import { SimDva, SimDvp } from './simulation-world';

type Request = NonNullable<KetenlogLine['request']>;
type Parts = Omit<KetenlogLine, 'event'>;

export interface FlowContext {
  readonly rec: ChainRecorder;
  readonly dvp: SimDvp;
  readonly dvpHost: string;
  readonly dva: SimDva;
  readonly zorgaanbieder: string;
  readonly gegevensdiensten: readonly string[];
  readonly flow: ChainFlow;
  readonly outcome: ChainOutcome;
}

interface ResourceCall {
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly initiatedBy: 'user' | 'machine';
}

/**
 * Plays one chain through the MedMij flow (spec/ketenlog.md section 2) and records what each
 * party logs: the DVP on its own host, the DVA on its authorization server (OAuth, DigiD,
 * consent) or its resource server (FHIR). The outcome decides where the flow branches off.
 */
export class ChainFlowPlayer {
  constructor(private readonly random: SeededRandom) {}

  play(c: FlowContext): void {
    const { rec, dvp, dva, outcome } = c;
    const r = this.random;
    const P = (type: string, parts?: Parts): void => rec.dvp(dvp.id, c.dvpHost, type, parts);
    const A = (type: string, parts?: Parts): void => rec.dva(dva.id, dva.authHost, type, parts);

    const authz = rec.request('get', c.dvpHost, dva.authHost, this.authorizeUri(c), 'user');
    P('send_authorization_request', { request: authz });
    rec.wait(rec.browser());
    A('receive_authorization_request', { request: authz });
    rec.wait(rec.work(dva.speed, 25));

    if (outcome === 'authorization_request_error') {
      if (r.chance(0.5)) {
        // Invalid client_id / redirect_uri: the DVA must not redirect; the flow ends on its error page.
        A('authorization_request_error', { error: errorOf(r.pick(AUTHORIZATION_REQUEST_ERRORS_AT_DVA)) });
        A('show_authorization_request_error_page');
      } else {
        const e = r.pick(AUTHORIZATION_REQUEST_ERRORS_TO_DVP);
        A('send_authorization_request_error', {
          response: { request_id: authz.id, status: e.status },
          error: errorOf(e),
        });
      }
      return;
    }
    const technicalAt = outcome === 'technical_failure' ? this.technicalFailureStage() : undefined;
    if (technicalAt === 'authorization') {
      A('technical_failure', {
        response: { request_id: authz.id, status: 500 },
        error: {
          code: 'server_error',
          description: 'authorization server could not reach its session store',
        },
      });
      return;
    }

    A('show_landing_page');
    const cancelAt = outcome === 'cancellation' ? (r.chance(0.55) ? 'landing' : 'authentication') : undefined;
    const abandonAt =
      outcome === 'abandonment'
        ? r.pick(['landing', 'landing', 'authentication', 'authentication', 'consent'])
        : undefined;
    if (abandonAt === 'landing') return;
    if (cancelAt === 'landing') {
      rec.wait(rec.person(6_000));
      A('send_authorization_cancellation', {
        response: { request_id: authz.id, status: 302 },
        error: { code: 'access_denied', description: 'person cancelled on the landing page' },
      });
      return;
    }

    rec.wait(rec.person(5_000));
    const authn = rec.request('get', dva.authHost, DVAUTHN_HOST, `https://${DVAUTHN_HOST}/saml/sso`, 'user');
    A('send_authentication_request', { request: authn });
    if (abandonAt === 'authentication') return;
    if (cancelAt === 'authentication') {
      rec.wait(rec.person(15_000));
      A('receive_authorization_cancellation', {
        response: { request_id: authn.id, status: 200 },
        error: { code: 'access_denied', description: 'person cancelled at DigiD' },
      });
      return;
    }
    rec.wait(rec.person(18_000, 600_000));
    if (outcome === 'authentication_error') {
      const e = r.pick(AUTHENTICATION_ERRORS);
      A('receive_authentication_error', {
        response: { request_id: authn.id, status: e.status },
        error: errorOf(e),
      });
      this.denyToDvp(c, authz, 'authentication at DigiD failed');
      return;
    }
    A('receive_authentication_response', { response: { request_id: authn.id, status: 200 } });
    rec.wait(rec.work(dva.speed, 8));
    const artifact = rec.request(
      'post',
      dva.authHost,
      DVAUTHN_HOST,
      `https://${DVAUTHN_HOST}/saml/artifact-resolution`,
      'machine',
    );
    A('send_artifact_resolution_request', { request: artifact });
    rec.wait(rec.work(1, 110));
    A('receive_artifact_resolution_response', { response: { request_id: artifact.id, status: 200 } });
    // The beschikbaarheidstoets (ontvankelijkheidstoets for Delen) asks the source system.
    rec.wait(rec.work(dva.speed, 70));
    if (outcome === 'availability_check_error') {
      A('availability_check_error', { error: errorOf(r.pick(AVAILABILITY_CHECK_ERRORS)) });
      this.denyToDvp(c, authz, 'the availability check did not allow release');
      return;
    }
    A('availability_check_result');
    rec.wait(rec.work(dva.speed, 15));
    A('show_consent_page');
    if (abandonAt === 'consent') return;
    rec.wait(rec.person(7_000));
    A('receive_consent');
    rec.wait(rec.work(dva.speed, 10));
    A('send_authorization_response', { response: { request_id: authz.id, status: 302 } });
    rec.wait(rec.browser());
    P('receive_authorization_response', { response: { request_id: authz.id, status: 302 } });

    rec.wait(rec.work(dvp.speed, 8));
    const token = rec.request(
      'post',
      c.dvpHost,
      dva.authHost,
      `https://${dva.authHost}/oauth/token`,
      'machine',
    );
    P('send_token_request', { request: token });
    if (technicalAt === 'token') {
      // The token endpoint does not answer: only the DVP can tell, after its timeout.
      rec.wait(10_000 + rec.work(1, 5));
      P('technical_failure', {
        response: { request_id: token.id, status: 504 },
        error: { code: 'temporarily_unavailable', description: 'token endpoint did not answer within 10 s' },
      });
      return;
    }
    rec.wait(rec.hop(dva.speed));
    A('receive_token_request', { request: token });
    rec.wait(rec.work(dva.speed, 35));
    if (outcome === 'token_error') {
      const e = r.pick(TOKEN_ERRORS);
      const parts = { response: { request_id: token.id, status: e.status }, error: errorOf(e) };
      A('send_token_request_error', parts);
      rec.wait(rec.hop(dva.speed));
      P('receive_token_request_error', parts);
      return;
    }
    A('send_token_response', { response: { request_id: token.id, status: 200 } });
    rec.wait(rec.hop(dva.speed));
    P('receive_token_response', { response: { request_id: token.id, status: 200 } });

    this.resources(
      c,
      outcome === 'resource_error' ? 'error' : technicalAt === 'resource' ? 'technical' : undefined,
    );
  }

  private resources(c: FlowContext, failure: 'error' | 'technical' | undefined): void {
    const { rec, dvp, dva } = c;
    const r = this.random;
    const P = (type: string, parts?: Parts): void => rec.dvp(dvp.id, c.dvpHost, type, parts);
    const R = (type: string, parts?: Parts): void => rec.dva(dva.id, dva.resourceHost, type, parts);
    const calls = this.resourceCalls(c);
    const failIndex = failure ? r.int(0, calls.length - 1) : -1;
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      rec.wait(rec.work(dvp.speed, 6));
      const req = rec.request(call.method, c.dvpHost, dva.resourceHost, call.uri, call.initiatedBy);
      P('send_resource_request', { request: req });
      rec.wait(rec.hop(dva.speed));
      R('receive_resource_request', { request: req });
      if (i === failIndex && failure === 'error') {
        rec.wait(rec.work(dva.speed, 20));
        const e = r.pick(RESOURCE_ERRORS);
        const parts = { response: { request_id: req.id, status: e.status }, error: errorOf(e) };
        R('send_resource_request_error', parts);
        rec.wait(rec.hop(dva.speed));
        P('receive_resource_request_error', parts);
        return;
      }
      if (i === failIndex && failure === 'technical') {
        rec.wait(rec.work(dva.speed, 900));
        R('technical_failure', {
          response: { request_id: req.id, status: 500 },
          error: { code: 'server_error', description: 'resource server lost its database connection' },
        });
        rec.wait(rec.hop(dva.speed));
        P('technical_failure', {
          response: { request_id: req.id, status: 502 },
          error: { code: 'server_error', description: 'resource server answered 500' },
        });
        return;
      }
      // Querying the source system dominates; documents and hospital systems are slower.
      rec.wait(rec.work(dva.speed, call.method === 'get' ? 160 : 240));
      R('send_resource_response', { response: { request_id: req.id, status: call.status } });
      rec.wait(rec.hop(dva.speed) + rec.work(1, 15));
      P('receive_resource_response', { response: { request_id: req.id, status: call.status } });
    }
  }

  /** The DVA sends the person back to the DVP with `access_denied`; the DVP logs the answer. */
  private denyToDvp(c: FlowContext, authz: Request, description: string): void {
    const { rec } = c;
    const parts = {
      response: { request_id: authz.id, status: 302 },
      error: { code: 'access_denied', description },
    };
    rec.wait(rec.work(c.dva.speed, 10));
    rec.dva(c.dva.id, c.dva.authHost, 'send_authorization_response', parts);
    rec.wait(rec.browser());
    rec.dvp(c.dvp.id, c.dvpHost, 'receive_authorization_response', parts);
  }

  private technicalFailureStage(): 'authorization' | 'token' | 'resource' {
    const draw = this.random.next();
    return draw < 0.25 ? 'authorization' : draw < 0.5 ? 'token' : 'resource';
  }

  private authorizeUri(c: FlowContext): string {
    const z = c.zorgaanbieder;
    const scope =
      c.flow === 'abonneren'
        ? `subscribe~${this.random.pick([30, 90, 180, 365])}/${z}~${c.gegevensdiensten[0]}`
        : c.gegevensdiensten.map((g) => `${z}~${g}`).join(' ');
    const redirect = encodeURIComponent(`https://${c.dvpHost}/oauth/callback`);
    return (
      `https://${c.dva.authHost}/oauth/authorize?response_type=code&client_id=${c.dvpHost}` +
      `&redirect_uri=${redirect}&scope=${encodeURIComponent(scope)}&state=${this.random.uuid()}`
    );
  }

  private resourceCalls(c: FlowContext): ResourceCall[] {
    const base = `https://${c.dva.resourceHost}/fhir`;
    const g = c.gegevensdiensten[0];
    if (c.flow === 'delen') {
      return g === '51'
        ? [{ method: 'post', uri: `${base}/DocumentReference`, status: 201, initiatedBy: 'user' }]
        : [{ method: 'post', uri: base, status: 200, initiatedBy: 'user' }];
    }
    if (c.flow === 'abonneren') {
      return [{ method: 'post', uri: `${base}/Subscription`, status: 201, initiatedBy: 'machine' }];
    }
    const calls: ResourceCall[] = [];
    for (const gegevensdienst of c.gegevensdiensten) {
      const paths = resourcesFor(gegevensdienst);
      const count = this.random.int(1, Math.min(3, paths.length));
      const first = this.random.int(0, paths.length - 1);
      for (let i = 0; i < count; i++) {
        calls.push({
          method: 'get',
          uri: `${base}/${paths[(first + i) % paths.length]}`,
          status: 200,
          initiatedBy: 'machine',
        });
      }
    }
    return calls;
  }
}

function errorOf(e: ErrorChoice): { code: string; description: string } {
  return { code: e.code, description: e.description };
}
