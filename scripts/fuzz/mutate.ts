import iconv from 'iconv-lite';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same inputs on every machine. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

/** One corpus document the fuzzer starts from. */
export interface Seed {
  name: string;
  text: string;
}

/** One mutated input and the mutations that made it (printed with a failure, so it can be re-read). */
export interface FuzzInput {
  name: string;
  bytes: Uint8Array;
  mutations: string[];
}

// Lengths skewed to the small: most runs are short, a few are long enough to expose super-linear code.
function runLength(random: Random): number {
  const r = random.next();
  if (r < 0.6) return 1 + random.int(16);
  if (r < 0.9) return 16 + random.int(1_000);
  if (r < 0.99) return 1_000 + random.int(20_000);
  return 20_000 + random.int(80_000);
}

const runPieces = [
  ' ',
  '\t',
  '　',
  '0',
  '9',
  '≥',
  '≤',
  '|',
  '-',
  '—',
  '.',
  '%',
  '万',
  '元',
  '指标',
  '\n',
  '\r\n',
  ',',
];

const hostileNumbers = [
  '-1',
  '-0',
  '0',
  '1e20',
  '1e400',
  '-1e400',
  '99999999999999999999999',
  '0.000000001',
  '１２３',
  '12,345,678.901',
  '-5000',
  'NaN',
  'Infinity',
  '3.',
  '.5',
  '1.2.3',
  '2147483648',
  '9007199254740993',
];

const hostileSnippets = [
  '\uD800',
  '\uDC00x',
  '\u0000',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '<script>alert(1)</script>',
  '=cmd|"/c calc"!A1',
  '@SUM(1+1)',
  '{{7*7}}',
  '%s%n',
  '\\u0000',
  '项目名称：',
  '单位：',
  '年度：',
  '一级指标',
  '产出指标',
  '数量指标',
  '项目总预算（万元）',
  '1-6月执行数',
  '|||||',
  '指标值 | |',
  '年度目标',
  '（',
  '）',
];

function insertAt(text: string, index: number, piece: string): string {
  return text.slice(0, index) + piece + text.slice(index);
}

type TextMutation = (text: string, random: Random, others: readonly Seed[]) => [string, string];

const textMutations: Record<string, TextMutation> = {
  run(text, random) {
    const piece = random.pick(runPieces);
    const length = runLength(random);
    const at = random.int(text.length + 1);
    return [
      insertAt(text, at, piece.repeat(Math.ceil(length / piece.length))),
      `run(${JSON.stringify(piece)}×${length}@${at})`,
    ];
  },
  number(text, random) {
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
    const value = random.pick(hostileNumbers);
    if (numbers.length === 0)
      return [insertAt(text, random.int(text.length + 1), value), `number(+${value})`];
    const match = random.pick(numbers);
    const at = match.index ?? 0;
    return [
      text.slice(0, at) + value + text.slice(at + match[0].length),
      `number(${match[0]}→${value}@${at})`,
    ];
  },
  snippet(text, random) {
    const piece = random.pick(hostileSnippets);
    const at = random.int(text.length + 1);
    return [insertAt(text, at, piece), `snippet(${JSON.stringify(piece)}@${at})`];
  },
  deleteLines(text, random) {
    const lines = text.split('\n');
    const from = random.int(lines.length);
    const count = 1 + random.int(Math.min(10, lines.length - from));
    lines.splice(from, count);
    return [lines.join('\n'), `deleteLines(${from}+${count})`];
  },
  duplicateLines(text, random) {
    const lines = text.split('\n');
    const from = random.int(lines.length);
    const count = 1 + random.int(Math.min(10, lines.length - from));
    const times = random.next() < 0.9 ? 1 + random.int(3) : 50 + random.int(500);
    const block = lines.slice(from, from + count);
    lines.splice(from, 0, ...Array.from({ length: times }, () => block).flat());
    return [lines.join('\n'), `duplicateLines(${from}+${count}×${times})`];
  },
  swapLines(text, random) {
    const lines = text.split('\n');
    const a = random.int(lines.length);
    const b = random.int(lines.length);
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
    return [lines.join('\n'), `swapLines(${a},${b})`];
  },
  splice(text, random, others) {
    const other = random.pick(others);
    const lines = other.text.split('\n');
    const from = random.int(lines.length);
    const block = lines.slice(from, from + 1 + random.int(20)).join('\n');
    const at = random.int(text.length + 1);
    return [insertAt(text, at, `\n${block}\n`), `splice(${other.name}:${from}@${at})`];
  },
  truncate(text, random) {
    const at = random.int(text.length + 1);
    return [text.slice(0, at), `truncate(${at})`];
  },
  deleteChars(text, random) {
    const at = random.int(text.length + 1);
    const count = 1 + random.int(50);
    return [text.slice(0, at) + text.slice(at + count), `deleteChars(${at}+${count})`];
  },
  separators(text, random) {
    const [from, to] = random.pick([
      ['\t', ' | '],
      [' | ', '\t'],
      ['|', ''],
      ['\n', '\r'],
      ['：', ':'],
      ['（', '('],
      ['%', '％'],
    ] as const);
    return [text.split(from).join(to), `separators(${JSON.stringify(from)}→${JSON.stringify(to)})`];
  },
};

/** Replaces values of a JSON document (the tables format the importer also reads) with hostile ones. */
function mutateJson(text: string, random: Random): [string, string] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [text, 'json(unparsable)'];
  }
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        slots.push({ parent: value, key: i });
        walk(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        slots.push({ parent: value as Record<string, unknown>, key });
        walk(item);
      }
    }
  };
  walk(data);
  if (slots.length === 0) return [text, 'json(empty)'];
  const slot = random.pick(slots);
  const replacements: unknown[] = [
    1e20,
    -1,
    -0.001,
    0.001,
    2 ** 31,
    Number.MAX_SAFE_INTEGER + 2,
    null,
    '',
    '字'.repeat(3_000),
    '\uD800',
    [],
    {},
    true,
    'Infinity',
    12.345,
  ];
  const replacement = random.pick(replacements);
  const parent = slot.parent as Record<string | number, unknown>;
  if (random.next() < 0.15) {
    if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
    else delete parent[slot.key];
    return [JSON.stringify(data, null, 1), `json(delete ${slot.key})`];
  }
  parent[slot.key] = replacement;
  // 1e400 cannot be written by JSON.stringify; some inputs get it in the text itself.
  let out = JSON.stringify(data, null, 1);
  if (random.next() < 0.1) out = out.replace(/\b\d+(\.\d+)?\b/, '1e400');
  const shown =
    typeof replacement === 'string' && replacement.length > 20
      ? `${replacement.slice(0, 3)}…×${replacement.length}`
      : JSON.stringify(replacement);
  return [out, `json(${slot.key}=${shown})`];
}

/** Encodes text as the bytes a unit might upload: UTF-8 (with or without BOM), GBK or UTF-16LE. */
function encode(text: string, random: Random): [Uint8Array, string] {
  const r = random.next();
  if (r < 0.8) return [Buffer.from(text, 'utf8'), 'utf8'];
  if (r < 0.85)
    return [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf8-bom'];
  if (r < 0.95) return [iconv.encode(text, 'gbk'), 'gbk'];
  return [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf16le'];
}

/** Flips, drops or inserts a few random bytes (after encoding: breaks multi-byte sequences too). */
function mutateBytes(bytes: Uint8Array, random: Random): [Uint8Array, string] {
  const out = Array.from(bytes);
  const count = 1 + random.int(8);
  for (let i = 0; i < count && out.length > 0; i++) {
    const at = random.int(out.length);
    const op = random.int(3);
    if (op === 0) out[at] = random.int(256);
    else if (op === 1) out.splice(at, 1);
    else out.splice(at, 0, random.int(256));
  }
  return [Uint8Array.from(out), `bytes(${count})`];
}

/**
 * The `index`-th input of a run: a corpus document with 1–4 stacked mutations, then encoded. Deterministic
 * for (seed, index, maxBytes), so a failure is reproduced with `--seed S --from index --count 1`.
 */
export function fuzzInput(
  seeds: readonly Seed[],
  seed: number,
  index: number,
  maxBytes = 1024 * 1024,
): FuzzInput {
  const random = seededRandom((seed * 1_000_003 + index) >>> 0);
  const base = random.pick(seeds);
  const mutations: string[] = [base.name];
  let text = base.text;
  const isJson = base.name.endsWith('.json');
  const steps = 1 + random.int(4);
  const names = Object.keys(textMutations);
  for (let i = 0; i < steps; i++) {
    if (isJson && random.next() < 0.7) {
      const [next, note] = mutateJson(text, random);
      text = next;
      mutations.push(note);
      continue;
    }
    const name = random.pick(names);
    const mutation = textMutations[name] as TextMutation;
    const [next, note] = mutation(text, random, seeds);
    text = next;
    mutations.push(note);
  }
  // Real forms are kilobytes; inputs are kept to `maxBytes` (as UTF-8, before encoding) so that the time
  // limit measures how the importer scales, not how long a legitimately huge file takes to read.
  if (Buffer.byteLength(text) > maxBytes) {
    text = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
    mutations.push(`cut(${maxBytes})`);
  }
  let [bytes, encoding] = encode(text, random);
  mutations.push(encoding);
  if (random.next() < 0.1) {
    const [mutated, note] = mutateBytes(bytes, random);
    bytes = mutated;
    mutations.push(note);
  }
  return { name: `fuzz-${index}${isJson ? '.json' : '.txt'}`, bytes, mutations };
}
