// The output boundary checks every table against core's zod schema. Parsing a valid table with zod builds
// a copy of it field by field, which was a tenth of an import's time; the copy is thrown away. This
// predicate is read off the schema itself (so it follows the schema when the schema changes) and answers
// only "certainly valid": for a node or check it does not know, or a string whose length zod would count
// in code points, it asks that node's own zod parse, or answers false so the caller parses with zod as
// before. It never accepts what the schema refuses.

/** The part of a zod 4 schema this module reads. */
interface Schema {
  _zod: { def: Def; values?: unknown; optin?: unknown };
  safeParse(value: unknown): { success: boolean };
}

interface Def {
  type: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
  shape?: Record<string, Schema>;
  catchall?: unknown;
  innerType?: Schema;
  element?: Schema;
  coerce?: boolean;
}

interface CheckDef {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
}

type Test = (value: unknown) => boolean;

function delegate(schema: Schema): Test {
  return (value) => schema.safeParse(value).success;
}

/** A test of a number's or length's checks, or null when one of them is not known here. */
function numberChecks(checks: readonly CheckDef[]): Test | null {
  const tests: Test[] = [];
  for (const c of checks) {
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      const bound = c.value;
      tests.push(c.inclusive ? (n) => (n as number) >= bound : (n) => (n as number) > bound);
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      const bound = c.value;
      tests.push(c.inclusive ? (n) => (n as number) <= bound : (n) => (n as number) < bound);
    } else if (c.check === 'number_format' && c.format === 'safeint') {
      tests.push((n) => Number.isSafeInteger(n));
    } else return null;
  }
  return (n) => tests.every((t) => t(n));
}

// zod counts a string's length in code points, an array's in elements. A string of `units` UTF-16 units
// holds between units / 2 and units code points: only where that range is on one side of the bound is
// the answer certain without counting.
function lengthChecks(checks: readonly CheckDef[], isString: boolean): Test | null {
  const tests: ((length: number) => boolean)[] = [];
  for (const c of checks) {
    if (c.check === 'max_length' && typeof c.maximum === 'number') {
      const max = c.maximum;
      tests.push((units) => units <= max);
    } else if (c.check === 'min_length' && typeof c.minimum === 'number') {
      const min = c.minimum;
      tests.push(isString ? (units) => units >= 2 * min || (min <= 1 && units >= min) : (n) => n >= min);
    } else return null;
  }
  return (value) => {
    const length = (value as { length: number }).length;
    return tests.every((t) => t(length));
  };
}

function compile(schema: Schema): Test {
  const def = schema._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.coerce) return delegate(schema);
  switch (def.type) {
    case 'string': {
      const lengths = lengthChecks(checks, true);
      if (lengths === null) return delegate(schema);
      return (v) => typeof v === 'string' && lengths(v);
    }
    case 'number': {
      const bounds = numberChecks(checks);
      if (bounds === null) return delegate(schema);
      return (v) => typeof v === 'number' && Number.isFinite(v) && bounds(v);
    }
    case 'boolean':
      return checks.length === 0 ? (v) => typeof v === 'boolean' : delegate(schema);
    case 'enum': {
      // The set of values zod itself tests against.
      const values = schema._zod.values;
      if (checks.length > 0 || !(values instanceof Set)) return delegate(schema);
      return (v) => values.has(v);
    }
    case 'optional':
    case 'nullable':
    case 'default': {
      if (checks.length > 0 || def.innerType === undefined) return delegate(schema);
      // An optional that hands undefined on to what it wraps (a default inside it, an exact optional) is
      // left to zod.
      if (def.type === 'optional' && schema._zod.optin !== 'optional') return delegate(schema);
      const inner = compile(def.innerType);
      // A default replaces only undefined, as optional lets only undefined through.
      if (def.type === 'nullable') return (v) => v === null || inner(v);
      return (v) => v === undefined || inner(v);
    }
    case 'array': {
      const lengths = lengthChecks(checks, false);
      if (lengths === null || def.element === undefined) return delegate(schema);
      const element = compile(def.element);
      return (v) => Array.isArray(v) && lengths(v) && v.every((e) => element(e));
    }
    case 'object': {
      // Unknown keys are stripped by a plain object schema: only a catchall (strict, passthrough) cares.
      if (checks.length > 0 || def.catchall !== undefined || def.shape === undefined) return delegate(schema);
      const fields = Object.entries(def.shape).map(([key, field]) => [key, compile(field)] as const);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
        const record = v as Record<string, unknown>;
        for (const [key, test] of fields) if (!test(record[key])) return false;
        return true;
      };
    }
    default:
      return delegate(schema);
  }
}

/**
 * A test that is true only of values the schema accepts (false may still be valid: parse it then). Built
 * once per schema.
 */
export function surelyValid(schema: Schema): Test {
  return compile(schema);
}
