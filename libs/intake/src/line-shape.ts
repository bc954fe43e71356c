import { BYTE_FORMATS, ByteFormat } from './byte-formats';

/** A string field: lengths in code points (as Ajv counts them), an optional format or enum. */
export interface StringShape {
  readonly kind: 'string';
  readonly minLength: number;
  readonly maxLength: number;
  readonly format?: ByteFormat;
  readonly oneOf?: readonly Uint8Array[];
}

export interface IntegerShape {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
}

/** An object with a closed set of fields (additionalProperties: false). */
export interface ObjectShape {
  readonly kind: 'object';
  readonly names: readonly Uint8Array[];
  readonly fields: readonly FieldShape[];
  /** Bit i set: fields[i] is required. */
  readonly required: number;
  /** Nesting depth of this object and its children (an object of strings is 1). */
  readonly depth: number;
}

export type FieldShape = StringShape | IntegerShape | ObjectShape;

/** The schema uses something the quick check does not implement: the full check runs alone. */
export class UnsupportedSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedSchemaError';
  }
}

type SchemaNode = Readonly<Record<string, unknown>>;

const OBJECT_KEYWORDS = new Set(['$id', 'type', 'additionalProperties', 'required', 'properties']);
const STRING_KEYWORDS = new Set(['type', 'minLength', 'maxLength', 'pattern', 'enum']);
const INTEGER_KEYWORDS = new Set(['type', 'minimum', 'maximum']);

/**
 * Reads the line schema (LINE_SCHEMA of @app/ketenlog, the one source of truth) into the tables
 * the quick check walks. Only the keywords below are understood, each exactly as Ajv applies
 * it; any other keyword, or a pattern without a hand-written checker, throws, so a schema change
 * can never make the quick check accept what the schema refuses.
 */
export function compileLineShape(schema: SchemaNode): ObjectShape {
  return compileObject(schema, '');
}

function compileObject(node: SchemaNode, path: string): ObjectShape {
  onlyKeywords(node, OBJECT_KEYWORDS, path);
  if (node.type !== 'object' || node.additionalProperties !== false) {
    throw new UnsupportedSchemaError(`${path || '/'}: only closed objects are supported`);
  }
  const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
  const entries = Object.entries(properties);
  if (entries.length > 30) throw new UnsupportedSchemaError(`${path}: too many properties`);
  const required = (node.required ?? []) as string[];
  let mask = 0;
  for (const name of required) {
    const at = entries.findIndex(([n]) => n === name);
    if (at < 0) throw new UnsupportedSchemaError(`${path}: required ${name} is not a property`);
    mask |= 1 << at;
  }
  const fields = entries.map(([name, child]) => compileField(child, `${path}/${name}`));
  for (const [name] of entries) {
    if (!/^[A-Za-z0-9_$]+$/.test(name)) throw new UnsupportedSchemaError(`${path}: property ${name}`);
  }
  return {
    kind: 'object',
    names: entries.map(([name]) => Buffer.from(name, 'latin1')),
    fields,
    required: mask,
    depth: 1 + Math.max(0, ...fields.map((f) => (f.kind === 'object' ? f.depth : 0))),
  };
}

function compileField(node: SchemaNode, path: string): FieldShape {
  switch (node.type) {
    case 'object':
      return compileObject(node, path);
    case 'string': {
      onlyKeywords(node, STRING_KEYWORDS, path);
      let format: ByteFormat | undefined;
      if (node.pattern !== undefined) {
        format = BYTE_FORMATS.get(node.pattern as string);
        if (!format)
          throw new UnsupportedSchemaError(`${path}: no checker for pattern ${String(node.pattern)}`);
      }
      const values = node.enum as string[] | undefined;
      if (
        values &&
        !values.every((v) => typeof v === 'string' && /^[\x20-\x7e]*$/.test(v) && !/["\\]/.test(v))
      ) {
        throw new UnsupportedSchemaError(`${path}: enum values must be plain ASCII strings`);
      }
      return {
        kind: 'string',
        minLength: (node.minLength as number | undefined) ?? 0,
        maxLength: (node.maxLength as number | undefined) ?? Number.MAX_SAFE_INTEGER,
        format,
        oneOf: values?.map((v) => Buffer.from(v, 'latin1')),
      };
    }
    case 'integer':
      onlyKeywords(node, INTEGER_KEYWORDS, path);
      return {
        kind: 'integer',
        minimum: (node.minimum as number | undefined) ?? Number.MIN_SAFE_INTEGER,
        maximum: (node.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER,
      };
    default:
      throw new UnsupportedSchemaError(`${path}: type ${String(node.type)} is not supported`);
  }
}

function onlyKeywords(node: SchemaNode, allowed: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(node)) {
    if (!allowed.has(key))
      throw new UnsupportedSchemaError(`${path || '/'}: keyword ${key} is not supported`);
  }
}
