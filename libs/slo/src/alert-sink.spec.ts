import type { Alert, AlertSink } from '@app/incidents';
import { RecordingAlertSink, RuleAlert, RuleAlertSink, alertKey } from './alert-sink';

describe('rule alerts', () => {
  it('are the Alert of the incident service, so its AlertSink can be bound as RULE_ALERT_SINK', async () => {
    // Compile-time checks: a rule alert is an incident Alert, an incident AlertSink a RuleAlertSink.
    const asIncidentAlert = (a: RuleAlert): Alert => a;
    const asRuleSink = (s: AlertSink): RuleAlertSink => s;
    expect(typeof asIncidentAlert).toBe('function');
    expect(typeof asRuleSink).toBe('function');

    const sink = new RecordingAlertSink();
    await sink.submit([{ entity: 'dva:x', rule: 'availability', tier: 'page', state: 'firing' }]);
    expect(sink.received.map(alertKey)).toEqual(['["dva:x","availability","page"]']);
  });
});
