/**
 * The fields Grafana needs to load and provision a dashboard (schemaVersion 36+), as a JSON
 * Schema. No published JSON Schema of the dashboard model is installable from npm (the
 * foundation SDK and @grafana/schema ship TypeScript types, which the builders already
 * satisfy at compile time); this checks the built JSON at run time: unique panel ids, a
 * gridPos inside the 24-column grid, a datasource reference on every panel and target, and
 * templating/annotations containers.
 */
export const DASHBOARD_SCHEMA = {
  type: 'object',
  required: ['uid', 'title', 'schemaVersion', 'panels', 'templating', 'annotations', 'time'],
  properties: {
    uid: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,40}$' },
    title: { type: 'string', minLength: 1 },
    schemaVersion: { type: 'integer', minimum: 36 },
    editable: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    time: {
      type: 'object',
      required: ['from', 'to'],
      properties: { from: { type: 'string' }, to: { type: 'string' } },
    },
    annotations: { type: 'object', required: ['list'], properties: { list: { type: 'array' } } },
    templating: {
      type: 'object',
      required: ['list'],
      properties: {
        list: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'name'],
            properties: {
              type: { enum: ['query', 'custom', 'textbox', 'constant', 'datasource', 'interval', 'adhoc'] },
              name: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
            },
          },
        },
      },
    },
    panels: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'type', 'title', 'gridPos', 'datasource', 'targets'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          type: { type: 'string', minLength: 1 },
          title: { type: 'string', minLength: 1 },
          gridPos: {
            type: 'object',
            required: ['x', 'y', 'w', 'h'],
            properties: {
              x: { type: 'integer', minimum: 0, maximum: 23 },
              y: { type: 'integer', minimum: 0 },
              w: { type: 'integer', minimum: 1, maximum: 24 },
              h: { type: 'integer', minimum: 1 },
            },
          },
          datasource: { $ref: '#/$defs/datasource' },
          targets: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['refId', 'datasource'],
              properties: {
                refId: { type: 'string', pattern: '^[A-Z]+$' },
                datasource: { $ref: '#/$defs/datasource' },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    datasource: {
      type: 'object',
      required: ['type', 'uid'],
      properties: { type: { type: 'string', minLength: 1 }, uid: { type: 'string', minLength: 1 } },
    },
  },
} as const;
