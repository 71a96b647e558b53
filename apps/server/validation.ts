// Request validation. TypeBox's compiler checks bodies exactly as sent: nothing is coerced
// ({"code": 1} is not code) and nothing is dropped (an unknown field is refused by name); only path
// and query parameters, which arrive as text, are converted to the types their schemas name.
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaValidationError, FastifyServerOptions } from 'fastify';
import { echo } from './errors.js';

export const validatorCompiler = TypeBoxValidatorCompiler;

const MAX_NAMED = 5;

/** One sentence for the first problem, or for every unknown field (Fastify turns it into a 400). */
export const validationError: NonNullable<FastifyServerOptions['schemaErrorFormatter']> = (errors: FastifySchemaValidationError[], part) => {
  const unknown = errors.find((e) => e.keyword === 'additionalProperties');
  if (unknown) {
    const at = unknown.instancePath ? `${part}${unknown.instancePath}` : part;
    const names = [unknown.params.additionalProperties ?? unknown.params.additionalProperty].flat().map((n) => `"${echo(String(n))}"`);
    const more = names.length > MAX_NAMED ? ` and ${names.length - MAX_NAMED} more` : '';
    return new Error(`${at} has ${names.length === 1 ? 'a field' : 'fields'} this API does not know: ${names.slice(0, MAX_NAMED).join(', ')}${more}.`);
  }
  // TypeBox reports each unknown property twice: as "schema is false" and as additionalProperties.
  const first = errors.find((e) => e.keyword !== 'boolean') ?? errors[0];
  return new Error(first ? `${part}${first.instancePath} ${first.message}` : `${part} is not valid`);
};
