import { printedCategory } from '../frameworks/framework-match.ts';
import { frameworks } from '../frameworks/frameworks.ts';
import {
  type LibraryEntry,
  type LibraryEntryFields,
  libraryEntryInputSchema,
} from './indicator-library.schema.ts';

// The starter library shipped with Jixiao, as data (not rows): it changes with a Jixiao release like the
// frameworks it comes from, needs no migration to correct, and every database gets the same one. An
// administrator adds entries of the region in the database (indicator_library), next to these.

/**
 * The figure a common indicator asks for when nothing else is known: a qualitative 投入与管理
 * indicator asks for the state its name names (预算编制合理性 → 合理, 财务监控有效性 → 有效); the three
 * rates take what Shanghai's tables print for them. Targets are written as the target grammar prints
 * them (`>=95%`, `=100%`), so a picked entry reads like a typed one.
 */
const commonRateTargets: Record<string, string> = {
  预算执行率: '>=95%',
  预算资金到位率: '=100%',
  信息公开实现率: '=100%',
};

function typicalTargetOf(name: string): string | null {
  const state = /(合理|健全|有效|规范|完整|及时)性$/.exec(name)?.[1];
  return state ?? commonRateTargets[name] ?? null;
}

/** Every framework's common indicators (Shanghai's nine 投入与管理), read from the framework data. */
function fromCommonIndicators(): LibraryEntryFields[] {
  return [...frameworks.values()].flatMap((framework) =>
    framework.commonIndicators.map((c) =>
      libraryEntryInputSchema.parse({
        frameworkId: framework.id,
        level1: c.level1,
        level2: c.level2,
        name: c.name,
        suggestedTarget: typicalTargetOf(c.name),
        noteZh: `${framework.zh}规定每个项目都填报的共性指标`,
        noteEn: `A common indicator every project carries under the ${framework.en}`,
        tags: ['共性指标'],
      }),
    ),
  );
}

/** A typical entry in one row: name, suggested target, direction, notes (Chinese, English) and tags. */
type Row = readonly [
  name: string,
  suggestedTarget: string | null,
  direction: LibraryEntryFields['direction'],
  noteZh: string,
  noteEn: string,
  tags: readonly string[],
];

// Cost control is typical both of 成本 under 产出 and of 经济成本 where cost is a level-1 category.
// biome-ignore format: one row an entry, so that the list reads as the table it is
const costControl: Row = ['成本控制率', '<=100%', '反向', '实际支出占预算（或计划成本）的比例，不超过 100%', 'Actual spending as a share of the budget (planned cost), at most 100%', ['通用', '成本']];

/**
 * Typical indicators by the framework's level-2 category, one list serving every framework. Every level-2 category of every framework has at least one
 * entry with a typical figure, so that a picked entry never arrives without a target. Entries take the
 * labels the framework's form prints (`printedCategory`). Kept modest: project-specific indicators
 * belong to the region's own entries.
 */
// biome-ignore format: one row an entry, so that the list reads as the table it is
const typical: Readonly<Record<string, readonly Row[]>> = {
  数量: [
    ['举办活动场次', '>=4场', '正向', '全年举办的培训、讲座、展览等活动场次，按项目计划填写', 'Events (training, lectures, exhibitions) held in the year, as planned', ['通用', '活动']],
    ['服务人次', '>=1000人次', '正向', '项目全年服务的对象人次，按项目计划填写', 'People served in the year (person-times), as planned', ['通用', '服务']],
  ],
  质量: [['验收合格率', '>=95%', '正向', '通过验收的产出数量占全部产出数量的比例', 'Share of deliverables that passed acceptance', ['通用', '验收']]],
  时效: [['任务按期完成率', '>=95%', '正向', '在计划时间内完成的任务占全部任务的比例', 'Share of tasks finished by the planned date', ['通用', '进度']]],
  成本: [costControl],
  经济成本: [
    ['项目总成本', null, '反向', '按项目预算测算的总成本（万元），添加时按当年预算填为上限', 'Total cost estimated from the project budget (10,000 yuan); added with this year’s budget as the ceiling', ['通用', '成本']],
    costControl,
  ],
  社会成本: [['社会负面影响投诉次数', '<=0次', '反向', '项目实施引起的群众投诉次数', 'Complaints from the public caused by the project', ['通用', '成本', '投诉']]],
  生态环境成本: [['环境污染事件次数', '<=0次', '反向', '项目实施造成的环境污染事件次数', 'Pollution incidents caused by the project', ['通用', '成本', '环境']]],
  经济效益: [['带动就业人数', '>=50人', '正向', '项目直接或间接带动的就业人数', 'Jobs the project creates directly or indirectly', ['通用', '就业']]],
  社会效益: [['受益群众人次', '>=10000人次', '正向', '项目惠及的群众人次', 'People (person-times) who benefit from the project', ['通用', '受益']]],
  生态效益: [['能耗降低率', '>=5%', '正向', '与上年相比单位能耗降低的比例', 'Reduction of energy use per unit against last year', ['通用', '节能', '环境']]],
  可持续影响: [['成果持续使用年限', '>=5年', '正向', '项目形成的设施、系统或制度持续发挥作用的年限', 'Years the facilities, systems or rules the project creates stay in use', ['通用', '长效']]],
  满意度: [
    ['服务对象满意度', '>=90%', '正向', '通过问卷等方式调查的服务对象满意比例', 'Share of surveyed service recipients who are satisfied', ['通用', '满意度', '问卷']],
    ['社会公众满意度', '>=85%', '正向', '面向社会公众调查的满意比例', 'Share of the surveyed public who are satisfied', ['通用', '满意度', '公众']],
  ],
  长效管理: [['长效管理机制健全性', '健全', null, '项目结束后持续发挥作用的管理制度和机制', 'Rules and arrangements that keep the results working after the project', ['通用', '长效']]],
  人力资源: [['人员配备到位率', '=100%', '正向', '按计划配备到位的项目人员比例', 'Share of planned project staff in place', ['通用', '人员']]],
  硬件条件: [['设施设备完好率', '>=95%', '正向', '完好可用的设施设备占全部设施设备的比例', 'Share of facilities and equipment in working order', ['通用', '设备']]],
  配套设施: [['配套设施保障率', '>=95%', '正向', '项目所需配套设施按时到位的比例', 'Share of supporting facilities in place when needed', ['通用', '设施']]],
  信息共享: [['信息共享及时性', '及时', null, '项目信息按规定及时共享、公开', 'Project information shared and published on time', ['通用', '信息']]],
  档案管理: [['档案管理规范性', '规范', null, '项目档案收集、整理、归档规范', 'Project records collected, filed and kept as the rules require', ['通用', '档案']]],
};

/** Each framework's typical entries, category by category in the framework's order. */
function fromTypical(): LibraryEntryFields[] {
  return [...frameworks.values()].flatMap((framework) => {
    return framework.level1.flatMap((level1) =>
      level1.level2.flatMap((level2) =>
        // Shanghai's 环境效益 is the national 生态效益: a category takes its aliases' entries too.
        (typical[level2.name] ?? level2.aliases.flatMap((alias) => typical[alias] ?? [])).map(
          ([name, suggestedTarget, direction, noteZh, noteEn, tags]) =>
            libraryEntryInputSchema.parse({
              name,
              suggestedTarget,
              direction,
              noteZh,
              noteEn,
              tags: [...tags],
              frameworkId: framework.id,
              level1: printedCategory(framework, 1, level1.name),
              level2: printedCategory(framework, 2, level2.name),
            }),
        ),
      ),
    );
  });
}

function builtInId(entry: LibraryEntryFields): string {
  return `builtin:${entry.frameworkId}:${entry.level1}/${entry.level2}/${entry.name}`;
}

/** The built-in entries, in framework order (common indicators first, then the typical ones). */
export const builtInLibrary: readonly LibraryEntry[] = [...fromCommonIndicators(), ...fromTypical()].map(
  (fields) => ({ ...fields, id: builtInId(fields), source: 'builtin', usedBy: 0, updatedAt: null }),
);
