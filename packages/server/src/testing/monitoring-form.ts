/** The seed's project whose mid-year monitoring form the tests upload (published in the demo). */
export const MONITORED_PROJECT = '科创中心建设工作经费';
export const MONITORED_UNIT = '上海推进科技创新中心建设办公室';

/**
 * The 1–6月 绩效运行监控表 of the seed's 科创中心建设工作经费 as a unit prints it (tab-separated, as copied
 * from the form): header, money block in 万元, the indicator columns with progress, likelihood, cause, measure.
 */
export const monitoringFormText = [
  '2020年度项目支出绩效运行监控表',
  '（截至2020年6月30日）',
  `项目名称\t${MONITORED_PROJECT}\t\t`,
  `主管部门\t${MONITORED_UNIT}\t实施单位\t${MONITORED_UNIT}`,
  '项目资金（万元）\t年度预算数\t1-6月执行数\t执行率',
  '\t4109.862\t2054.931\t50%',
  '一级指标\t二级指标\t三级指标\t年度指标值\t1-6月完成情况\t全年预计完成情况\t完成目标可能性\t偏差原因分析\t改进措施',
  '投入与管理\t投入管理\t预算执行率\t=100%\t50%\t100%\t确定能\t\t',
  '\t\t预算资金到位率\t=100%\t100%\t100%\t确定能\t\t',
  '\t财务管理\t财务管理制度健全性\t健全\t健全\t健全\t确定能\t\t',
  '产出目标\t数量\t项目完成率\t>=95%\t按进度执行，已完成约45%\t96%\t基本能\t\t',
  '\t时效\t项目完成及时性\t>=95%\t40%\t90%\t有可能\t进口实验设备到货比合同约定晚两个月\t调整课题实施节点，按月跟踪设备安装进度',
  '效果目标\t满意度\t项目执行者满意度\t>=80%\t暂未开展调查\t85%\t有可能\t调查安排在四季度\t按计划组织满意度调查',
  '填报人：王某\t联系电话：021-00000000',
].join('\n');
