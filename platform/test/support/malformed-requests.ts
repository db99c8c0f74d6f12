// Generated requests that no endpoint may accept: each carries at least one defect (a bad id, a bad body, a
// bad query, a wrong content type or encoding), so a well-formed write is never among them.
import * as fc from 'fast-check';
import { badIdSegment, badValueFor, junkString, pathSegment, type FieldKind } from './bad-values';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface BodySpec {
  fields: Record<string, FieldKind>;
  valid: Record<string, unknown>;
}

/** An id segment: one of the seeded rows, an unknown uuid, or something that is no id at all. */
export interface IdChoice {
  segment: string;
  bad: boolean;
}

/** An unknown uuid or no id at all; with `known` ids, also one of those (for requests broken elsewhere). */
export const idChoice = (known: readonly string[] = []): fc.Arbitrary<IdChoice> =>
  fc.oneof(
    ...(known.length > 0 ? [fc.constantFrom(...known).map((segment) => ({ segment, bad: false }))] : []),
    fc.uuid({ version: 4 }).map((segment) => ({ segment, bad: false })),
    badIdSegment.map((segment) => ({ segment, bad: true })),
  );

const json = { 'content-type': 'application/json' };
const MISSING = Symbol('missing');

/** Extra fields that no schema names, merged in beside the defect (never instead of it). */
const extraFields = (names: readonly string[]) =>
  fc.dictionary(
    junkString.filter((key) => !names.includes(key) && key !== '__proto__'),
    fc.oneof(junkString, fc.integer(), fc.constant(null)),
    { maxKeys: 3 },
  );

/**
 * The valid body with fields missing or bad, plus extras. Mostly one defect alone, since a defect that hides
 * behind another is never reached: a value the edge lets through and the database refuses shows only alone.
 */
export function brokenBody(spec: BodySpec): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(spec.fields);
  const damageOf = (name: string) => fc.oneof(fc.constant(MISSING), badValueFor(spec.fields[name] as FieldKind));
  const damage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...names).chain((name) => damageOf(name).map((value) => ({ [name]: value }))) },
    { weight: 1, arbitrary: fc.subarray(names, { minLength: 1 }).chain((chosen) => fc.record(Object.fromEntries(chosen.map((name) => [name, damageOf(name)])))) },
  );
  return fc.tuple(damage, extraFields(names)).map(([damaged, extra]) => {
    const body: Record<string, unknown> = { ...extra, ...spec.valid };
    for (const [name, value] of Object.entries(damaged)) {
      if (value === MISSING) delete body[name];
      else body[name] = value;
    }
    return body;
  });
}

/** Bodies the JSON parser or the content negotiation refuses, whatever the fields would have been. */
export function unreadableBody(spec: BodySpec): fc.Arbitrary<Pick<FuzzRequest, 'headers' | 'body'>> {
  const valid = JSON.stringify(spec.valid);
  return fc.oneof(
    fc.constantFrom('{', '{"title":', '{title: 1}', "{'a': 1}", '{"a":1,}', '[1,2', '"unterminated', 'nul', '\u0000').map((body) => ({ headers: json, body })),
    fc.integer({ min: 1, max: valid.length - 1 }).map((cut) => ({ headers: json, body: valid.slice(0, cut) })),
    fc.constantFrom('null', '[]', '42', '"a string"', 'true', '[{}]').map((body) => ({ headers: json, body })),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/merge-patch+json').map((type) => ({ headers: { 'content-type': type }, body: valid })),
    fc.constant({ headers: {}, body: new TextEncoder().encode(valid) }),
    fc.constantFrom('latin1', 'koi8-r', 'utf-16').map((charset) => ({ headers: { 'content-type': `application/json; charset=${charset}` }, body: valid })),
    fc.constantFrom('gzip', 'br', 'deflate', 'compress').map((encoding) => ({ headers: { ...json, 'content-encoding': encoding }, body: valid })),
    fc.integer({ min: 70_000, max: 200_000 }).map((size) => ({ headers: json, body: JSON.stringify({ ...spec.valid, title: 'x'.repeat(size) }) })),
  );
}

/** Any body at all, for a request already malformed by its path. */
export function anyBody(spec: BodySpec): fc.Arbitrary<Pick<FuzzRequest, 'headers' | 'body'>> {
  return fc.oneof(
    fc.constant({ headers: json, body: JSON.stringify(spec.valid) }),
    brokenBody(spec).map((body) => ({ headers: json, body: JSON.stringify(body) })),
    unreadableBody(spec),
  );
}

/** A PUT with a body: bad ids with any body, or good ids with a broken or unreadable body. */
export function putWithBody(path: (ids: string[]) => string, ids: Array<fc.Arbitrary<IdChoice>>, spec: BodySpec): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.tuple(...ids), fc.boolean()).chain(([choices, unreadable]) => {
    const target = path(choices.map((choice) => choice.segment));
    const body = choices.some((choice) => choice.bad)
      ? anyBody(spec)
      : unreadable
        ? unreadableBody(spec)
        : brokenBody(spec).map((fields) => ({ headers: json, body: JSON.stringify(fields) }));
    return body.map((rest) => ({ method: 'PUT', path: target, ...rest }));
  });
}

/** A request whose only inputs are ids, for ids that make it fail: bad ones, or ones nothing is stored under. */
export function byIds(method: string, path: (ids: string[]) => string, ids: Array<fc.Arbitrary<IdChoice>>): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(...ids).map((choices) => ({ method, path: path(choices.map((choice) => choice.segment)), headers: {} }));
}

export interface QueryParam {
  bad: fc.Arbitrary<string>;
  /** Absent when no value of it is good in a generated request (a cursor the service did not hand out). */
  good?: fc.Arbitrary<string>;
}

/** Query strings with at least one bad parameter, the others good or absent. */
export function badQuery(params: Record<string, QueryParam>): fc.Arbitrary<string> {
  const names = Object.keys(params);
  const goods = Object.fromEntries(names.map((name) => [name, fc.option(params[name]?.good ?? fc.constant(undefined), { nil: undefined })]));
  return fc
    .tuple(fc.constantFrom(...names), fc.record(goods), fc.boolean())
    .chain(([broken, good, twice]) =>
      params[broken]!.bad.map((bad) => {
        const pairs = Object.entries(good).filter(([name, value]) => name !== broken && value !== undefined) as Array<[string, string]>;
        pairs.push([broken, bad]);
        // A parameter given twice arrives as an array, which no schema of ours takes.
        if (twice) pairs.push([broken, bad]);
        return pairs.map(([name, value]) => `${name}=${pathSegment(value)}`).join('&');
      }),
    );
}

const routeMethods = ['PATCH', 'POST', 'OPTIONS', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'COPY', 'MOVE', 'SEARCH'];

/** Methods no route serves, on the service's paths, and paths no route serves. */
export function unknownRoutes(paths: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...routeMethods), fc.constantFrom(...paths)).map(([method, path]) => ({ method, path, headers: {} })),
    fc.tuple(fc.constantFrom('GET', 'PUT', 'DELETE'), fc.constantFrom('/', '/nope', '/videos/a/b/c/d', '/courses/x/y', '/users/x/y/z/w', '/ready/x', '/.env')).map(([method, path]) => ({ method, path, headers: {} })),
  );
}

/** What a request is called in a failure message: the route pattern would hide which input broke it. */
export function describeRequest(request: FuzzRequest): string {
  const body = typeof request.body === 'string' ? request.body.slice(0, 200) : request.body ? `<${request.body.length} bytes>` : '';
  return `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ${body}`;
}
