/**
 * What the simulated parties say: FHIR queries per gegevensdienst, and the OAuth-style error
 * codes of each failure. Fictional but shaped like MedMij traffic; no value here may contain
 * a nine-digit run (the BSN guard would flag it).
 */
export const DVAUTHN_HOST = 'dvauthn.medmij.example';

const RESOURCES: Record<string, readonly string[]> = {
  '48': [
    'Patient',
    'Coverage',
    'Condition',
    'AllergyIntolerance',
    'MedicationStatement',
    'Observation?category=vital-signs',
    'Procedure',
  ],
  '49': ['Encounter', 'EpisodeOfCare', 'Observation?category=exam', 'Composition?type=consult'],
  '50': ['MedicationRequest', 'MedicationDispense', 'MedicationStatement'],
  '51': ['DocumentReference?status=current', 'DocumentManifest'],
  '52': ['Observation?category=laboratory', 'DiagnosticReport?category=LAB'],
  '53': ['Appointment?status=booked', 'Appointment?status=proposed'],
};

export function resourcesFor(gegevensdienst: string): readonly string[] {
  return RESOURCES[gegevensdienst] ?? ['Observation'];
}

export interface ErrorChoice {
  readonly code: string;
  readonly description: string;
  readonly status: number;
}

export const AUTHORIZATION_REQUEST_ERRORS_AT_DVA: readonly ErrorChoice[] = [
  { code: 'invalid_client', description: 'client_id is not on the OAuthclientlist', status: 400 },
  { code: 'invalid_request', description: 'redirect_uri does not match the OAuthclientlist', status: 400 },
];

export const AUTHORIZATION_REQUEST_ERRORS_TO_DVP: readonly ErrorChoice[] = [
  {
    code: 'invalid_scope',
    description: 'scope names a gegevensdienst this zorgaanbieder does not offer',
    status: 302,
  },
  { code: 'invalid_request', description: 'state parameter is missing', status: 302 },
  { code: 'unsupported_response_type', description: 'response_type must be code', status: 302 },
];

export const AUTHENTICATION_ERRORS: readonly ErrorChoice[] = [
  { code: 'authentication_failed', description: 'DigiD authentication failed', status: 200 },
  { code: 'authentication_expired', description: 'DigiD session expired before login', status: 200 },
  { code: 'saml_error', description: 'SAML artifact could not be validated', status: 200 },
];

export const AVAILABILITY_CHECK_ERRORS: readonly ErrorChoice[] = [
  {
    code: 'patient_unknown',
    description: 'beschikbaarheidstoets: person is not a patient of this zorgaanbieder',
    status: 200,
  },
  {
    code: 'access_restricted',
    description: 'beschikbaarheidstoets: release of data is not allowed',
    status: 200,
  },
  {
    code: 'check_unavailable',
    description: 'beschikbaarheidstoets: source system did not answer',
    status: 503,
  },
];

export const TOKEN_ERRORS: readonly ErrorChoice[] = [
  { code: 'invalid_grant', description: 'authorization code expired', status: 400 },
  { code: 'invalid_grant', description: 'authorization code already used', status: 400 },
  { code: 'invalid_client', description: 'client authentication failed', status: 401 },
];

export const RESOURCE_ERRORS: readonly ErrorChoice[] = [
  { code: 'invalid_token', description: 'access token expired', status: 401 },
  { code: 'insufficient_scope', description: 'token does not cover this gegevensdienst', status: 403 },
  { code: 'not_found', description: 'resource type not supported by the source system', status: 404 },
  { code: 'server_error', description: 'source system returned an error', status: 500 },
];

/** Event types that are not in the catalog, as participants mistype them. */
export function misspelledEventType(type: string): string {
  if (type.includes('authorization')) return type.replace('authorization', 'authorisation');
  if (type.startsWith('receive_')) return `received_${type.slice(8)}`;
  if (type.startsWith('send_')) return `sent_${type.slice(5)}`;
  return `${type}_event`;
}
