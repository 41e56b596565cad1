// The published JSON Schema of a session file (docs/session-schema.json), made from the zod schema so the
// two cannot drift; test/unit/session-schema.test.ts checks the file is up to date.

import { z } from 'zod';
import { sessionSchema } from './format';

export function sessionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(sessionSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'Faultline replay session',
    description: 'The JSON inside a .faultline file (the file is this JSON, gzip-compressed). Version 1.',
  };
}

export const sessionJsonSchemaText = (): string => JSON.stringify(sessionJsonSchema(), null, 2) + '\n';
