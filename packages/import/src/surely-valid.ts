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
  fn?: unknown;
  when?: unknown;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
}

type Test = (value: unknown) => boolean;

/** All of `tests`, in one function (a loop over an array of closures was most of this module's time). */
function allOf(tests: readonly Test[]): Test {
  const [first, second, third, ...rest] = tests;
  if (first === undefined) return () => true;
  if (second === undefined) return first;
  if (third === undefined) return (v) => first(v) && second(v);
  if (rest.length === 0) return (v) => first(v) && second(v) && third(v);
  const others = allOf(rest);
  return (v) => first(v) && second(v) && third(v) && others(v);
}

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
    } else if (c.check === 'custom' && typeof c.fn === 'function' && c.when === undefined) {
      // A refinement: zod reports an issue unless its function returns something truthy; only `true` is
      // taken here (a promise, say, is left to zod).
      const fn = c.fn as (value: unknown) => unknown;
      tests.push((n) => fn(n) === true);
    } else return null;
  }
  return allOf(tests);
}

// zod counts a string's length in code points, an array's in elements. A string of `units` UTF-16 units
// holds between units / 2 and units code points: only where that range is on one side of the bound is
// the answer certain without counting.
function lengthChecks(checks: readonly CheckDef[], isString: boolean): Test | null {
  let max = Number.POSITIVE_INFINITY;
  let min = 0;
  for (const c of checks) {
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else return null;
  }
  // Certainly at least `min` code points: twice as many units, or one unit where one is asked for.
  const least = isString && min > 1 ? 2 * min : min;
  return (value) => {
    const length = (value as { length: number }).length;
    return length >= least && length <= max;
  };
}

/**
 * A plain object whose field `keys[k]` passes `tests[k]`. Written out as a function with each key spelled
 * in it (as zod's own object parser is), so that each field is read by name rather than by a key looked up
 * at run time; where code cannot be generated, a loop does the same.
 */
function objectTest(keys: readonly string[], tests: readonly Test[]): Test {
  try {
    const reads = keys.map((key, k) => `if (!t${k}(v[${JSON.stringify(key)}])) return false;`).join('\n');
    const names = keys.map((_, k) => `t${k}`);
    const make = new Function(
      ...names,
      `return function (v) {\nif (typeof v !== 'object' || v === null || Array.isArray(v)) return false;\n${reads}\nreturn true;\n};`,
    ) as (...tests: Test[]) => Test;
    return make(...tests);
  } catch {
    return (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const record = v as Record<string, unknown>;
      for (let k = 0; k < keys.length; k++) if (!(tests[k] as Test)(record[keys[k] as string])) return false;
      return true;
    };
  }
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
      return (v) => {
        if (!Array.isArray(v) || !lengths(v)) return false;
        for (const e of v) if (!element(e)) return false;
        return true;
      };
    }
    case 'object': {
      // Unknown keys are stripped by a plain object schema: only a catchall (strict, passthrough) cares.
      if (checks.length > 0 || def.catchall !== undefined || def.shape === undefined) return delegate(schema);
      const keys = Object.keys(def.shape);
      const tests = Object.values(def.shape).map(compile);
      return objectTest(keys, tests);
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
