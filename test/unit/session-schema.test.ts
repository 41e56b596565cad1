// The published JSON Schema (docs/session-schema.json) is the one made from the zod schema that validates imports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sessionJsonSchemaText } from '../../src/session/json-schema';

describe('docs/session-schema.json', () => {
  it('is up to date (regenerate: npx tsx -e "import(\'./src/session/json-schema.ts\').then(m => process.stdout.write(m.sessionJsonSchemaText()))" > docs/session-schema.json)', () => {
    expect(readFileSync('docs/session-schema.json', 'utf8')).toBe(sessionJsonSchemaText());
  });

  it('states the format, the version and the fault kinds', () => {
    const schema = JSON.parse(sessionJsonSchemaText());
    expect(schema.properties.format.const).toBe('faultline-session');
    expect(schema.properties.version.const).toBe(1);
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'scenario', 'view', 'dataset', 'redacted']));
    const kinds = schema.properties.scenario.properties.faults.items.oneOf.map((f: { properties: { kind: { const: string } } }) => f.properties.kind.const);
    expect(kinds).toHaveLength(10);
  });
});
