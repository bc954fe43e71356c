import { endpointHost, parseOAuthclientlist, parseZorgaanbiederslijst } from './medmij-list.parser';
import { ParticipantError } from './participant.error';

describe('MedMij list parsers', () => {
  it('reads the OAuthclientlist with any namespace prefix', () => {
    const xml = `<?xml version="1.0"?>
      <ocl:OAuthclientlist xmlns:ocl="xmlns://afsprakenstelsel.medmij.nl/oauthclientlist/release2/">
        <ocl:Tijdstempel>2025-09-22T12:00:00Z</ocl:Tijdstempel><ocl:Volgnummer>12</ocl:Volgnummer>
        <ocl:OAuthclients>
          <ocl:OAuthclient><ocl:Hostname>Medmij.PGO.example</ocl:Hostname><ocl:OAuthclientOrganisatienaam>PGO &amp; Co</ocl:OAuthclientOrganisatienaam></ocl:OAuthclient>
        </ocl:OAuthclients>
      </ocl:OAuthclientlist>`;
    expect(parseOAuthclientlist(xml)).toEqual({
      volgnummer: 12,
      tijdstempel: '2025-09-22T12:00:00Z',
      clients: [{ hostname: 'medmij.pgo.example', organisatienaam: 'PGO & Co' }],
    });
  });

  it('reads the Zorgaanbiederslijst with endpoints per gegevensdienst', () => {
    const xml = `<Zorgaanbiederslijst xmlns="xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/">
      <Volgnummer>3</Volgnummer>
      <Zorgaanbieders><Zorgaanbieder><Zorgaanbiedernaam>huisartsdeboer@medmij</Zorgaanbiedernaam>
        <Gegevensdiensten><Gegevensdienst><GegevensdienstId>48</GegevensdienstId>
          <AuthorizationEndpoint><AuthorizationEndpointuri>https://auth.dva.example/authorize</AuthorizationEndpointuri></AuthorizationEndpoint>
          <TokenEndpoint><TokenEndpointuri>https://auth.dva.example/token</TokenEndpointuri></TokenEndpoint>
          <Systeemrollen><Systeemrol><Systeemrolcode>X</Systeemrolcode>
            <ResourceEndpoint><ResourceEndpointuri>https://fhir.dva.example/r</ResourceEndpointuri></ResourceEndpoint>
          </Systeemrol></Systeemrollen>
        </Gegevensdienst></Gegevensdiensten>
      </Zorgaanbieder></Zorgaanbieders></Zorgaanbiederslijst>`;
    expect(parseZorgaanbiederslijst(xml)).toEqual({
      volgnummer: 3,
      tijdstempel: null,
      zorgaanbieders: [
        {
          naam: 'huisartsdeboer',
          displayName: undefined,
          gegevensdiensten: [
            {
              id: '48',
              authorizationEndpoint: 'https://auth.dva.example/authorize',
              tokenEndpoint: 'https://auth.dva.example/token',
              resourceEndpoints: ['https://fhir.dva.example/r'],
            },
          ],
        },
      ],
    });
    expect(endpointHost('https://Auth.DVA.example/x')).toBe('auth.dva.example');
    expect(endpointHost('not a url')).toBeUndefined();
  });

  it('refuses documents that are not the expected list', () => {
    expect(() => parseOAuthclientlist('<Zorgaanbiederslijst/>')).toThrow(ParticipantError);
    expect(() =>
      parseOAuthclientlist('<OAuthclientlist><OAuthclients><OAuthclient/></OAuthclients></OAuthclientlist>'),
    ).toThrow(/Hostname/);
    expect(() =>
      parseZorgaanbiederslijst(
        '<Zorgaanbiederslijst><Zorgaanbieders><Zorgaanbieder><Zorgaanbiedernaam>x</Zorgaanbiedernaam></Zorgaanbieder></Zorgaanbieders></Zorgaanbiederslijst>',
      ),
    ).toThrow(/naam@medmij/);
    expect(() => parseZorgaanbiederslijst('<<<')).toThrow(ParticipantError);
  });
});
