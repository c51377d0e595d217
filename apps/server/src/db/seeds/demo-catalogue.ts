/**
 * Demo service items (演示数据) for a county directory of 六安市: what a county, its township
 * 为民服务中心 and village 为民服务工作站 typically handle in the eight topics of the catalogue.
 *
 * The texts are written to be valid for any county of the city, so departments are named
 * generically (县民政局, 乡镇(街道)为民服务中心 …) and telephone numbers are illustrative.
 * Every item is stored with `demo: true` and labelled as demo data wherever it is shown.
 */
import {
  HandlingKind,
  JurisdictionLevel,
  MaterialForm,
  MaterialMedium,
  MaterialNecessity,
  ServiceCategory,
  ServiceItemType,
  ServiceObject,
  StageKind,
  TimeLimitUnit,
  type ChainStage,
  type Fee,
  type ItemContent,
  type MaterialRequirement,
  type ProcedureStep,
} from '@weimin/domain';

export interface DemoItem {
  /** Item code, unique in this list, e.g. 'SB-001': letters, digits, '-' only, 3-64 chars */
  code: string;
  content: Omit<ItemContent, 'demo'>;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

const { REQUIRED, CONDITIONAL, OPTIONAL } = MaterialNecessity;
const { ORIGINAL, COPY, ORIGINAL_AND_COPY } = MaterialForm;
const { PAPER, PAPER_OR_ELECTRONIC } = MaterialMedium;
const WD = TimeLimitUnit.WORKING_DAYS;
const CD = TimeLimitUnit.CALENDAR_DAYS;

const FREE: Fee = { free: true, items: [] };

const HOURS = '工作日 上午8:30-12:00 下午14:30-17:30(夏季作息下午15:00-18:00),法定节假日除外';
const HOURS_VILLAGE = '工作日 上午8:30-12:00 下午14:30-17:30;实行值班制,节假日可预约代办';

const LOC_VILLAGE = '村(社区)为民服务工作站 综合服务窗口';
const LOC_TOWN_SOCIAL = '乡镇(街道)为民服务中心 社会事务窗口';
const LOC_TOWN_HRSS = '乡镇(街道)为民服务中心 人社(就业社保)窗口';
const LOC_TOWN_MEDICAL = '乡镇(街道)为民服务中心 医保窗口';
const LOC_TOWN_HEALTH = '乡镇(街道)为民服务中心 卫生健康(计生)窗口';
const LOC_TOWN_AGRI = '乡镇(街道)为民服务中心 农业农村窗口';
const LOC_TOWN_LAND = '乡镇(街道)为民服务中心 自然资源和规划(村镇建设)窗口';

/** Illustrative 0564 numbers of the county departments; 12345 is the 政务服务便民热线. */
const TEL = {
  hrss: '0564-3371201',
  civil: '0564-3371202',
  health: '0564-3371203',
  medical: '0564-3371204',
  agri: '0564-3371205',
  land: '0564-3371206',
  disabled: '0564-3371207',
  registry: '0564-3371208',
  township: '0564-3371210',
  supervision: '12345',
  supervisionCounty: '0564-3371299',
} as const;

function mat(
  name: string,
  form: MaterialForm,
  medium: MaterialMedium,
  copies: number,
  necessity: MaterialNecessity,
  extra: { condition?: string; acceptanceStandard?: string; notes?: string } = {},
): MaterialRequirement {
  return {
    name,
    form,
    medium,
    copies,
    necessity,
    condition: extra.condition ?? null,
    acceptanceStandard: extra.acceptanceStandard ?? null,
    notes: extra.notes ?? null,
  };
}

function steps(...pairs: [string, string][]): ProcedureStep[] {
  return pairs.map(([title, description]) => ({ title, description }));
}

const idCard = (necessity: MaterialNecessity = REQUIRED, extra: { condition?: string; notes?: string } = {}) =>
  mat('居民身份证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, necessity, {
    acceptanceStandard: '在有效期内,信息清晰完整',
    notes: extra.notes ?? '可通过“皖事通”电子证照亮证,免交复印件',
    condition: extra.condition,
  });

const hukou = (necessity: MaterialNecessity = REQUIRED, extra: { condition?: string } = {}) =>
  mat('居民户口簿', ORIGINAL, PAPER_OR_ELECTRONIC, 1, necessity, {
    acceptanceStandard: '户主页及本人页信息完整',
    notes: '可通过电子证照共享核验',
    condition: extra.condition,
  });

const agentPapers = () =>
  mat('代办人居民身份证及授权委托书', ORIGINAL, PAPER, 1, CONDITIONAL, {
    condition: '委托他人代为办理的',
    acceptanceStandard: '委托书须由申请人签字或按手印',
  });

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

/** Items each county directory holds; handlingLevel inside content says where it is handled. */
export const DEMO_ITEMS: DemoItem[] = [
  // ======================================= 社会保险 ===========================================
  {
    code: 'SB-001',
    content: {
      name: '城乡居民基本养老保险参保登记',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_INSURANCE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '县社会保险服务中心(村(社区)为民服务工作站代办)',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》第二十条、第二十二条;《国务院关于建立统一的城乡居民基本养老保险制度的意见》(国发〔2014〕8号);《城乡居民基本养老保险经办规程》(人社部发〔2019〕84号)。',
      conditions:
        '年满16周岁(不含在校学生),非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的本县户籍城乡居民,可在户籍地参加城乡居民基本养老保险。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        hukou(),
        mat('城乡居民基本养老保险参保登记表', ORIGINAL, PAPER, 1, REQUIRED, {
          acceptanceStandard: '本人签字或按手印,信息与证件一致',
          notes: '窗口免费提供,可现场填写',
        }),
        mat('社会保障卡', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '已申领社会保障卡的提供,便于绑定缴费和待遇发放账户' }),
      ],
      procedure: steps(
        ['申请', '参保人持证件到村(社区)为民服务工作站提出申请,或通过“皖事通”“安徽人社”自助登记'],
        ['受理登记', '代办员核对身份信息,录入城乡居民养老保险信息系统'],
        ['办结', '当场完成参保登记,告知缴费档次和缴费渠道'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '在外地打工,能不能在老家参加城乡居民养老保险?',
          answer: '可以。在户籍地参保,可通过“皖事通”或手机银行按年自主缴费;但已参加职工基本养老保险的,不能同时参加城乡居民养老保险。',
        },
        {
          question: '缴费档次怎么选?',
          answer: '缴费档次由省、市统一公布,每年可自主选择一次。多缴多得、长缴多得,政府对选择较高档次缴费的给予更多缴费补贴。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'SB-002',
    content: {
      name: '城乡居民养老保险待遇领取资格认证',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_INSURANCE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '县社会保险服务中心(村(社区)为民服务工作站协办)',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》;《人力资源社会保障部办公厅关于印发〈领取社会保险待遇资格确认经办规程(暂行)〉的通知》(人社厅发〔2018〕107号)。',
      conditions: '正在按月领取城乡居民基本养老保险待遇的人员,每年应完成一次待遇领取资格认证。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        mat('社会保障卡', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '可用于自助终端刷卡认证' }),
        agentPapers(),
      ],
      procedure: steps(
        ['认证', '本人通过“皖事通”“掌上12333”刷脸认证,或到村(社区)为民服务工作站由工作人员协助认证'],
        ['办结', '认证结果实时上传,当场告知认证是否成功'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '老人行动不便、不会用手机怎么办?',
          answer: '可由家属帮助在手机上刷脸认证,也可联系村(社区)为民服务工作站预约上门认证。',
        },
        {
          question: '超过认证期限没有认证会怎样?',
          answer: '将暂停发放养老金;完成认证后恢复发放,暂停期间的待遇予以补发。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'SB-003',
    content: {
      name: '城乡居民基本养老保险待遇申领',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_INSURANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)人力资源和社会保障服务所',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》第二十一条;《国务院关于建立统一的城乡居民基本养老保险制度的意见》(国发〔2014〕8号);《城乡居民基本养老保险经办规程》(人社部发〔2019〕84号)。',
      conditions:
        '参加城乡居民基本养老保险、年满60周岁、累计缴费满15年且未领取国家规定的其他基本养老保障待遇的人员;距规定领取年龄不足15年的,按规定补缴后可申领。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        hukou(),
        mat('城乡居民基本养老保险待遇领取申请表', ORIGINAL, PAPER, 1, REQUIRED, { acceptanceStandard: '本人签字或按手印' }),
        mat('社会保障卡', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED, { notes: '用于待遇发放,须已激活金融功能' }),
        agentPapers(),
      ],
      procedure: steps(
        ['申请', '本人向户籍所在地村(社区)或乡镇(街道)为民服务中心提出申请,也可网上申请'],
        ['受理', '乡镇人社所核对身份、参保缴费和重复领取情况,符合条件的受理'],
        ['审核', '县社会保险服务中心审核待遇领取资格并核定待遇标准'],
        ['发放', '审核通过的,自符合条件次月起按月发放至社会保障卡'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 10,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_HRSS,
      officeHours: HOURS,
      faq: [
        {
          question: '快到60岁了,缴费不满15年怎么办?',
          answer: '可按规定一次性补缴不足年限的保费,补缴部分不享受政府缴费补贴,具体以县社会保险服务中心核定为准。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'SB-004',
    content: {
      name: '城乡居民基本养老保险注销登记(含丧葬补助金申领)',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_INSURANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)人力资源和社会保障服务所',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》第十四条;《城乡居民基本养老保险经办规程》(人社部发〔2019〕84号);安徽省城乡居民基本养老保险丧葬补助金有关规定。',
      conditions:
        '城乡居民养老保险参保人员死亡、出国(境)定居、已参加职工基本养老保险等情形的,应办理注销登记;参保人死亡的,其个人账户余额可依法继承,领取待遇人员死亡的按规定发放丧葬补助金。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('参保人死亡证明或户口注销证明', ORIGINAL_AND_COPY, PAPER, 1, CONDITIONAL, {
          condition: '因参保人死亡申请注销的',
          acceptanceStandard: '由医疗机构、公安机关或村(居)委会出具',
        }),
        mat('继承人居民身份证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('继承人与参保人关系证明', ORIGINAL_AND_COPY, PAPER, 1, CONDITIONAL, {
          condition: '户口簿不能体现亲属关系的',
          notes: '可提供户口簿、结婚证、出生医学证明或村(居)委会证明',
        }),
        mat('继承人银行账户', COPY, PAPER, 1, REQUIRED, { acceptanceStandard: '本人名下一类银行账户' }),
        mat('城乡居民基本养老保险注销登记表', ORIGINAL, PAPER, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '继承人或指定受益人向乡镇(街道)为民服务中心提出注销申请'],
        ['受理审核', '乡镇人社所核对材料并上报县社会保险服务中心'],
        ['结算', '县社会保险服务中心核定个人账户余额、丧葬补助金和多发待遇'],
        ['支付', '相关款项一次性支付至继承人银行账户,办理注销'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_HRSS,
      officeHours: HOURS,
      faq: [
        {
          question: '老人去世后没及时注销,多领的养老金要退吗?',
          answer: '需要。死亡次月起多发放的待遇须退还,可从个人账户余额或丧葬补助金中抵扣。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 社会救助 ===========================================
  {
    code: 'JZ-001',
    content: {
      name: '最低生活保障审核确认',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_ASSISTANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)社会事务办公室',
      delegation: {
        entrustingDepartment: '县民政局',
        document: '县人民政府关于将最低生活保障和特困人员审核确认权限下放至乡镇(街道)的通知',
      },
      legalBasis:
        '《社会救助暂行办法》(国务院令第649号)第九条至第十三条;《民政部关于印发〈最低生活保障审核确认办法〉的通知》(民发〔2021〕57号);《安徽省最低生活保障审核确认办法》。',
      conditions:
        '持有本县户籍的城乡居民,共同生活的家庭成员人均收入低于当地最低生活保障标准,且家庭财产状况符合省、市有关规定的,可以申请最低生活保障。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('最低生活保障申请书', ORIGINAL, PAPER, 1, REQUIRED, { notes: '无书写能力的可口头申请,由工作人员代为记录' }),
        idCard(REQUIRED, { notes: '提供共同生活家庭成员的身份证件' }),
        hukou(),
        mat('家庭经济状况核对授权书', ORIGINAL, PAPER, 1, REQUIRED, {
          acceptanceStandard: '共同生活家庭成员中有行为能力的均须签字',
        }),
        mat('家庭收入及财产情况申报表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('残疾人证或疾病诊断证明', COPY, PAPER, 1, CONDITIONAL, {
          condition: '家庭成员中有重度残疾或重病患者的',
        }),
      ],
      procedure: steps(
        ['申请', '申请人向户籍所在地乡镇(街道)提出申请,也可委托村(居)委会代为提出或通过“皖事通”在线申请'],
        ['受理', '乡镇(街道)对材料齐全的当场受理,材料不全的一次性告知补正'],
        ['调查核对', '开展入户调查、邻里访问和家庭经济状况信息核对,必要时组织民主评议'],
        ['审核确认', '乡镇(街道)作出审核确认决定,在申请人所在村(社区)公示7天'],
        ['发放', '公示无异议的,自作出确认决定次月起发放低保金;不符合条件的书面告知理由'],
      ),
      statutoryLimit: 30,
      statutoryUnit: WD,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_SOCIAL,
      officeHours: HOURS,
      faq: [
        {
          question: '家里有人在外打工,还能申请低保吗?',
          answer: '能否享受低保取决于家庭人均收入和财产状况,打工收入要如实申报并计入家庭收入,经核对仍低于保障标准的可以纳入。',
        },
        {
          question: '可以不在户籍地申请吗?',
          answer: '符合条件的可在经常居住地申请,具体按省民政厅关于低保在经常居住地申办的规定执行。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JZ-002',
    content: {
      name: '特困人员救助供养审核确认',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_ASSISTANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)社会事务办公室',
      delegation: {
        entrustingDepartment: '县民政局',
        document: '县人民政府关于将最低生活保障和特困人员审核确认权限下放至乡镇(街道)的通知',
      },
      legalBasis:
        '《社会救助暂行办法》(国务院令第649号)第十四条至第二十条;《国务院关于进一步健全特困人员救助供养制度的意见》(国发〔2016〕14号);《民政部关于印发〈特困人员认定办法〉的通知》(民发〔2021〕43号)。',
      conditions:
        '同时具备以下条件的老年人、残疾人和未满18周岁的未成年人:无劳动能力;无生活来源;无法定赡养、抚养、扶养义务人,或者其法定义务人无履行义务能力。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('特困人员救助供养申请书', ORIGINAL, PAPER, 1, REQUIRED),
        idCard(),
        hukou(),
        mat('家庭经济状况核对授权书', ORIGINAL, PAPER, 1, REQUIRED),
        mat('残疾人证', COPY, PAPER_OR_ELECTRONIC, 1, CONDITIONAL, { condition: '以残疾为由申请的' }),
        mat('法定义务人无履行义务能力的证明材料', COPY, PAPER, 1, CONDITIONAL, {
          condition: '申请人有法定赡养、抚养、扶养义务人的',
        }),
      ],
      procedure: steps(
        ['申请', '本人向户籍所在地乡镇(街道)申请;本人申请有困难的,可委托村(居)委会或他人代为申请'],
        ['受理', '材料齐全的当场受理'],
        ['调查', '乡镇(街道)入户调查,核实生活自理能力和家庭经济状况'],
        ['审核确认', '经公示无异议的作出确认决定,同时确定分散或集中供养方式'],
        ['发放', '自确认次月起发放基本生活费和照料护理费'],
      ),
      statutoryLimit: 20,
      statutoryUnit: WD,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_SOCIAL,
      officeHours: HOURS,
      faq: [
        {
          question: '特困人员一定要去敬老院吗?',
          answer: '不一定。生活能自理的可选择在家分散供养;生活不能自理的优先安排到县、乡镇特困人员供养服务机构集中供养。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JZ-003',
    content: {
      name: '临时救助申请受理',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_ASSISTANCE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村(居)民委员会(村(社区)为民服务工作站)',
      delegation: null,
      legalBasis:
        '《社会救助暂行办法》第四十七条至第五十二条;《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号);《民政部 财政部关于进一步加强和改进临时救助工作的意见》(民发〔2018〕23号)。',
      conditions:
        '因火灾、交通事故、突发重大疾病等意外事件,或因生活必需支出突然增加超出家庭承受能力,导致基本生活暂时出现严重困难的家庭或个人。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('临时救助申请书', ORIGINAL, PAPER, 1, REQUIRED, { notes: '可由工作站代写,申请人签字确认' }),
        idCard(),
        mat('遭遇困难的相关证明材料', COPY, PAPER, 1, REQUIRED, {
          notes: '如医疗费用票据、火灾或事故证明等',
        }),
        mat('家庭经济状况核对授权书', ORIGINAL, PAPER, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '申请人或代理人到村(社区)为民服务工作站说明困难情况'],
        ['受理', '工作站代办员协助填写申请材料,开展初步走访核实'],
        ['上报', '将申请材料及核实情况在3个工作日内报送乡镇(街道)社会事务办公室'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 3,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.township,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '情况紧急,等不及走完流程怎么办?',
          answer: '对情况紧急的,乡镇(街道)可以先行救助,事后补齐手续,请第一时间联系村干部或拨打乡镇值班电话。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JZ-004',
    content: {
      name: '临时救助审批',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_ASSISTANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)社会事务办公室',
      delegation: {
        entrustingDepartment: '县民政局',
        document: '县民政局关于授予乡镇(街道)临时救助审批权限的通知',
      },
      legalBasis:
        '《社会救助暂行办法》第四十七条至第五十二条;《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号);《民政部 财政部关于进一步加强和改进临时救助工作的意见》(民发〔2018〕23号)。',
      conditions:
        '本县户籍或在本县持有居住证的家庭和个人,因意外事件、突发重大疾病或生活必需支出突然增加等原因,基本生活暂时出现严重困难;对生活无着的流浪、乞讨人员按救助管理有关规定办理。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('临时救助申请书', ORIGINAL, PAPER, 1, REQUIRED),
        idCard(),
        mat('遭遇困难的相关证明材料', COPY, PAPER, 1, REQUIRED, { notes: '医疗费用票据、事故证明、火灾证明等' }),
        mat('家庭经济状况核对授权书', ORIGINAL, PAPER, 1, REQUIRED),
        mat('居住证', ORIGINAL_AND_COPY, PAPER, 1, CONDITIONAL, { condition: '非本县户籍人员在经常居住地申请的' }),
      ],
      procedure: steps(
        ['受理', '乡镇(街道)受理本人申请或村(社区)转报的申请'],
        ['核查', '开展入户调查和家庭经济状况核对;情况紧急的先行救助'],
        ['审批', '在乡镇审批权限额度内作出决定;超过权限的报县民政局审批'],
        ['发放', '救助金通过“一卡通”社会化发放,必要时发放实物'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: CD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_SOCIAL,
      officeHours: HOURS,
      faq: [
        {
          question: '临时救助能领多少钱?',
          answer: '根据困难类型、程度和持续时间综合确定,一般以当地月低保标准为基数按倍数核定,具体以县民政局公布的标准为准。',
        },
        {
          question: '同一件事可以多次申请吗?',
          answer: '原则上同一事由在一定期限内不重复救助;困难仍然持续的,应转为低保等长期救助。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JZ-005',
    content: {
      name: '受灾人员冬春生活救助',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_ASSISTANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)应急管理办公室',
      delegation: null,
      legalBasis: '《自然灾害救助条例》(国务院令第577号)第十九条、第二十条;应急管理部《受灾人员冬春生活救助工作规程》。',
      conditions: '因当年冬季、次年春季遭受自然灾害,口粮、衣被、取暖等基本生活出现困难,需要政府救助的受灾人员。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('冬春生活救助申请书', ORIGINAL, PAPER, 1, REQUIRED, { notes: '可由村(居)委会统一组织申报' }),
        idCard(),
        hukou(),
      ],
      procedure: steps(
        ['申报', '受灾户向村(居)委会申报,村级民主评议并张榜公布'],
        ['审核', '乡镇(街道)审核汇总,报县应急管理局'],
        ['审批发放', '县应急管理局审批,救助款物按户发放,发放情况公示'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 10,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.township,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_SOCIAL,
      officeHours: HOURS,
      faq: [
        {
          question: '冬春救助什么时候发?',
          answer: '一般在当年12月至次年3月期间,按“户报、村评、乡审、县定”的程序分批发放。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 计划生育 ===========================================
  {
    code: 'JS-001',
    content: {
      name: '生育登记服务',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.FAMILY_PLANNING,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)卫生健康办公室',
      delegation: null,
      legalBasis:
        '《中华人民共和国人口与计划生育法》;《安徽省人口与计划生育条例》;《国家卫生健康委关于做好生育登记服务工作的通知》。',
      conditions: '夫妻双方一方户籍在本乡镇(街道)或在本乡镇(街道)居住的,生育子女均可进行生育登记,不设前置条件。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('夫妻双方居民身份证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED, { notes: '可通过电子证照核验' }),
        mat('结婚证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '不作为登记前置条件,可采取信息共享或承诺方式' }),
        mat('生育登记信息表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '通过“皖事通”线上登记,或到乡镇(街道)为民服务中心现场登记'],
        ['登记', '工作人员核对信息后当场登记'],
        ['办结', '出具生育登记服务单(电子或纸质),告知孕产期保健和生育支持政策'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.health,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_HEALTH,
      officeHours: HOURS,
      faq: [
        {
          question: '生一孩、二孩、三孩都要登记吗?',
          answer: '生育登记是服务性登记,不再区分孩次审批,登记后可享受孕产期保健等服务;未登记不影响孩子落户、入学。',
        },
        {
          question: '孩子已经出生了还能补登记吗?',
          answer: '可以补登记,流程与孕期登记相同。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JS-002',
    content: {
      name: '农村部分计划生育家庭奖励扶助申请(独生子女父母奖励扶助)',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.FAMILY_PLANNING,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村(居)民委员会(村(社区)为民服务工作站受理)',
      delegation: null,
      legalBasis:
        '《中华人民共和国人口与计划生育法》;《国务院办公厅转发人口计生委 财政部关于开展对农村部分计划生育家庭实行奖励扶助制度试点工作意见的通知》(国办发〔2004〕21号);《安徽省人口与计划生育条例》。',
      conditions:
        '本人及配偶户籍制度改革前为农业户口或经界定为农村居民;在政策规定时段内没有违反计划生育法律法规和政策规定生育;现存一个子女或两个女孩或子女死亡现无子女;年满60周岁。具体条件按年度资格确认通知执行。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(REQUIRED, { notes: '本人及配偶的身份证件' }),
        hukou(),
        mat('农村部分计划生育家庭奖励扶助对象申报表', ORIGINAL, PAPER, 1, REQUIRED, { acceptanceStandard: '本人签字,村委会签署意见' }),
        mat('结婚证或离婚证', ORIGINAL_AND_COPY, PAPER, 1, REQUIRED),
        mat('独生子女父母光荣证', ORIGINAL_AND_COPY, PAPER, 1, OPTIONAL, { notes: '有则提供,便于核实生育情况' }),
        mat('子女死亡证明', COPY, PAPER, 1, CONDITIONAL, { condition: '子女死亡现无子女的' }),
      ],
      procedure: steps(
        ['申请', '本人于每年规定申报期内向户籍所在村(居)委会提出申请'],
        ['村级初审', '村(居)委会核实情况并在村务公开栏张榜公示'],
        ['乡镇审核', '乡镇(街道)卫生健康办公室审核并报县卫生健康委'],
        ['县级确认', '县卫生健康委确认资格并公示,奖励扶助金由财政通过“一卡通”直接发放'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 5,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.health,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '每年什么时候申报?',
          answer: '一般在每年年初集中申报,具体时间以县卫生健康委和村(居)委会通知为准;已确认的对象无需每年重复申请。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JS-003',
    content: {
      name: '计划生育家庭特别扶助',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.FAMILY_PLANNING,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)卫生健康办公室',
      delegation: null,
      legalBasis:
        '《中华人民共和国人口与计划生育法》第二十七条;《关于印发全国独生子女伤残死亡家庭扶助制度试点方案的通知》(国人口发〔2007〕78号);《安徽省人口与计划生育条例》。',
      conditions:
        '独生子女死亡或伤残(三级以上残疾)、未再生育或收养子女,女方年满49周岁的夫妻;以及符合规定的计划生育手术并发症人员。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(REQUIRED, { notes: '夫妻双方身份证件' }),
        hukou(),
        mat('计划生育家庭特别扶助对象申报表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('子女死亡证明', COPY, PAPER, 1, CONDITIONAL, { condition: '独生子女死亡的' }),
        mat('子女残疾人证', COPY, PAPER_OR_ELECTRONIC, 1, CONDITIONAL, { condition: '独生子女伤残的' }),
        mat('计划生育手术并发症鉴定结论', COPY, PAPER, 1, CONDITIONAL, { condition: '以计划生育手术并发症申请的' }),
      ],
      procedure: steps(
        ['申请', '本人向户籍所在地村(居)委会或乡镇(街道)为民服务中心提出申请'],
        ['审核', '乡镇(街道)入户核实,审核后张榜公示'],
        ['确认', '县卫生健康委复核确认,报市级备案'],
        ['发放', '扶助金按年度通过“一卡通”发放至本人账户'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.health,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_HEALTH,
      officeHours: HOURS,
      faq: [
        {
          question: '特别扶助和奖励扶助能同时享受吗?',
          answer: '符合各自条件的可以同时享受,两项扶助金分别计发。',
        },
        {
          question: '除了扶助金还有哪些关怀政策?',
          answer: '特扶家庭还可享受家庭医生签约、就医绿色通道、联系人制度、养老机构优先入住等关怀措施。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JS-004',
    content: {
      name: '计划生育情况证明',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.FAMILY_PLANNING,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村(居)民委员会',
      delegation: null,
      legalBasis: '《中华人民共和国人口与计划生育法》;《安徽省人口与计划生育条例》;《中华人民共和国村民委员会组织法》。',
      conditions:
        '申请奖励扶助、特别扶助等计划生育家庭优待政策,确需村(居)委会出具本人计划生育情况说明的本村(社区)居民。就业、入学、落户等事项不再要求提供此类证明。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        hukou(),
        mat('需要证明的事项说明', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '写明用途,便于按所需内容出具' }),
      ],
      procedure: steps(
        ['申请', '本人到村(社区)为民服务工作站说明证明用途'],
        ['核实出具', '工作人员根据村级台账核实后当场出具,加盖村(居)委会印章'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.township,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '单位招工让开“婚育证明”,村里能开吗?',
          answer: '就业、入学、落户等已不再需要婚育情况证明,用人单位不得要求提供。确有特殊需要的,可请用人单位出具书面说明后咨询工作站。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 医疗保险 ===========================================
  {
    code: 'YB-001',
    content: {
      name: '城乡居民基本医疗保险参保登记',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.MEDICAL_INSURANCE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '县医疗保障服务中心(村(社区)为民服务工作站代办)',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》第二十五条;《国务院关于整合城乡居民基本医疗保险制度的意见》(国发〔2016〕3号);《医疗保障经办服务事项清单》。',
      conditions:
        '除职工基本医疗保险应参保人员以外的本县户籍居民及持有本县居住证的常住人员,包括农村居民、城镇非从业居民、在校学生和新生儿等。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(CONDITIONAL, { condition: '已办理居民身份证的参保人' }),
        hukou(REQUIRED),
        mat('出生医学证明', ORIGINAL, PAPER_OR_ELECTRONIC, 1, CONDITIONAL, {
          condition: '为新生儿办理参保且尚未落户的',
        }),
        mat('居住证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, CONDITIONAL, { condition: '非本县户籍人员在本县参保的' }),
      ],
      procedure: steps(
        ['申请', '到村(社区)为民服务工作站或通过“皖事通”“国家医保服务平台”App申请参保'],
        ['登记', '代办员核对身份信息,在医保信息平台完成参保登记'],
        ['办结', '当场办结,告知缴费期和缴费渠道'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.medical,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '新生儿什么时候参保?',
          answer: '新生儿出生后可凭出生医学证明参保,在规定期限内参保缴费的,自出生之日起享受待遇。',
        },
        {
          question: '外出打工在务工地参加了职工医保,老家的居民医保还要交吗?',
          answer: '不需要重复参保。已参加职工医保的,城乡居民医保不再缴费,重复缴纳的可申请退费。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YB-002',
    content: {
      name: '城乡居民基本医疗保险费缴纳',
      type: ServiceItemType.ADMINISTRATIVE_LEVY,
      category: ServiceCategory.MEDICAL_INSURANCE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '国家税务总局县税务局(村(社区)为民服务工作站协助代办)',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》第二十五条;《社会保险费征缴暂行条例》;《国务院关于整合城乡居民基本医疗保险制度的意见》(国发〔2016〕3号)。',
      conditions: '已办理城乡居民基本医疗保险参保登记的人员,在集中缴费期内按年度缴纳下一年度个人缴费。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(REQUIRED, { notes: '参保人身份证号码即可,代缴无需本人到场' }),
        mat('社会保障卡或银行卡', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '在工作站刷卡缴费时使用' }),
      ],
      procedure: steps(
        ['缴费', '通过“皖事通”、安徽税务微信公众号、手机银行自助缴费,或在村(社区)为民服务工作站协助缴费'],
        ['确认', '缴费成功后即时生成缴费记录,可打印或下载电子完税(费)凭证'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.medical,
      supervisionPhone: '12366',
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '2026年度个人缴费标准是多少?',
          answer: '个人缴费标准按国家和省医保部门当年公布的标准执行,集中缴费期开始前由县医保局、税务局公告。特困人员、低保对象等按规定享受资助参保。',
        },
        {
          question: '错过集中缴费期怎么办?',
          answer: '可在规定的补缴期内缴费,但会设置待遇等待期;连续参保和零报销的人员按规定提高大病保险最高支付限额。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YB-003',
    content: {
      name: '基本医疗保险异地就医备案',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.MEDICAL_INSURANCE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)为民服务中心医保服务站',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》;《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》(医保发〔2022〕22号)。',
      conditions:
        '参加本县基本医疗保险的异地长期居住人员(异地安置退休、异地长期居住、常驻异地工作)和临时外出就医人员(异地转诊、急诊抢救等)。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(REQUIRED, { notes: '可凭医保电子凭证办理' }),
        mat('异地就医备案登记表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('转诊转院证明', ORIGINAL, PAPER_OR_ELECTRONIC, 1, CONDITIONAL, {
          condition: '办理转诊就医备案的',
          notes: '由具备转诊资质的定点医疗机构出具',
        }),
        mat('异地居住承诺书', ORIGINAL, PAPER_OR_ELECTRONIC, 1, CONDITIONAL, {
          condition: '以异地长期居住为由备案的',
          notes: '实行个人承诺制,无需提供居住证明',
        }),
      ],
      procedure: steps(
        ['申请', '通过“国家医保服务平台”App、“皖事通”线上备案,或到乡镇(街道)医保服务站现场办理'],
        ['核验', '系统核验参保状态和备案信息'],
        ['办结', '即时生效,告知备案有效期和异地结算注意事项'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.medical,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_MEDICAL,
      officeHours: HOURS,
      faq: [
        {
          question: '已经在外地住院了,还能补办备案吗?',
          answer: '可以。在出院结算前补办备案的可直接结算;已全额垫付的,可凭票据回参保地申请手工报销。',
        },
        {
          question: '备案后回老家看病还能报销吗?',
          answer: '长期居住备案人员在备案有效期内回参保地就医,可按参保地规定享受医保待遇。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YB-004',
    content: {
      name: '医疗救助',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.MEDICAL_INSURANCE,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县医疗保障局',
      delegation: null,
      legalBasis:
        '《社会救助暂行办法》第二十八条至第三十五条;《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》(国办发〔2021〕42号);安徽省健全重特大疾病医疗保险和救助制度实施办法。',
      conditions:
        '特困人员、低保对象、低保边缘家庭成员、纳入监测范围的防止返贫监测对象,以及因病致贫重病患者,经基本医保、大病保险报销后个人负担的政策范围内医疗费用仍较重的,可按规定享受医疗救助。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('医疗救助申请表', ORIGINAL, PAPER, 1, REQUIRED),
        idCard(),
        mat('医疗费用发票及费用明细清单', ORIGINAL, PAPER, 1, CONDITIONAL, {
          condition: '未在定点医疗机构“一站式”结算、需手工申请救助的',
        }),
        mat('出院小结或疾病诊断证明', COPY, PAPER, 1, REQUIRED),
        mat('基本医保和大病保险结算单', ORIGINAL, PAPER, 1, CONDITIONAL, { condition: '已在异地或非联网医院结算的' }),
        mat('银行账户', COPY, PAPER, 1, REQUIRED, { acceptanceStandard: '申请人本人或监护人名下账户' }),
      ],
      procedure: steps(
        ['申请', '在定点医疗机构出院时“一站式”结算;未能直接结算的,向乡镇(街道)医保服务站或县医保局窗口申请'],
        ['受理', '对身份和费用材料进行核对,材料不全的一次性告知'],
        ['审核', '县医疗保障局核定救助对象类别和救助金额'],
        ['支付', '救助资金支付到申请人银行账户'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.medical,
      supervisionPhone: TEL.supervision,
      location: '县政务服务中心 医保窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '低保户看病还要单独申请救助吗?',
          answer: '在县内和省内联网定点医院住院的,出院时医保、大病保险和医疗救助“一站式”结算,无需另行申请。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YB-005',
    content: {
      name: '门诊慢特病待遇认定',
      type: ServiceItemType.ADMINISTRATIVE_CONFIRMATION,
      category: ServiceCategory.MEDICAL_INSURANCE,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县医疗保障服务中心',
      delegation: null,
      legalBasis:
        '《中华人民共和国社会保险法》;《国家医保局 财政部关于建立医疗保障待遇清单制度的意见》(医保发〔2021〕5号);省、市医疗保障部门门诊慢特病管理有关规定。',
      conditions: '参加本县基本医疗保险,患有省规定门诊慢特病病种目录内疾病,且符合相应病种认定标准的参保人员。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(REQUIRED, { notes: '可凭医保电子凭证办理' }),
        mat('门诊慢特病待遇认定申请表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('二级及以上医疗机构病历资料', COPY, PAPER, 1, REQUIRED, {
          acceptanceStandard: '含出院记录、诊断证明及相关检查检验报告',
        }),
        mat('相关检查检验报告', COPY, PAPER, 1, OPTIONAL, { notes: '病历中已包含的无需重复提供' }),
      ],
      procedure: steps(
        ['申请', '在定点医疗机构、乡镇(街道)医保服务站或线上提交认定申请'],
        ['鉴定', '由认定定点医疗机构按病种认定标准进行审核'],
        ['认定', '县医疗保障服务中心确认并录入系统,待遇自认定之日起享受'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: CD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.medical,
      supervisionPhone: TEL.supervision,
      location: '县政务服务中心 医保窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '高血压、糖尿病需要认定吗?',
          answer: '城乡居民高血压、糖尿病门诊用药保障一般凭诊断即可在基层医疗机构享受,不需要单独认定;其他慢特病病种需按规定认定。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 惠民补贴 ===========================================
  {
    code: 'BT-001',
    content: {
      name: '耕地地力保护补贴',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.BENEFIT_SUBSIDY,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)农业农村综合服务中心',
      delegation: null,
      legalBasis:
        '《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》(财农〔2016〕26号);安徽省年度耕地地力保护补贴实施方案。',
      conditions:
        '拥有耕地承包权的种地农民;已作为畜牧水产养殖场所、转为设施农业用地、非农征(占)用、长年抛荒以及占补平衡中“补”的面积和质量达不到耕种条件的耕地,不纳入补贴范围。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        mat('农村土地承包经营权证', COPY, PAPER, 1, REQUIRED),
        mat('耕地地力保护补贴面积申报表', ORIGINAL, PAPER, 1, REQUIRED, { acceptanceStandard: '由村组核实签字' }),
        mat('惠民惠农财政补贴“一卡通”账户信息', COPY, PAPER, 1, CONDITIONAL, {
          condition: '首次申报或账户变更的',
        }),
      ],
      procedure: steps(
        ['申报', '农户按年度向村(组)申报种植面积,村级核实后汇总上报'],
        ['审核', '乡镇(街道)农业农村综合服务中心审核并在村级公示不少于7天'],
        ['复核', '县农业农村局、财政局复核汇总'],
        ['发放', '补贴资金通过惠民惠农财政补贴“一卡通”直接发放到户'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.agri,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_AGRI,
      officeHours: HOURS,
      faq: [
        {
          question: '土地流转出去了,补贴给谁?',
          answer: '耕地地力保护补贴原则上发放给拥有承包权的农户,流转双方另有约定的从其约定。',
        },
        {
          question: '补贴标准是多少?',
          answer: '按当年省级下达资金和核实面积测算,每亩标准以县农业农村局、财政局当年公告为准。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'BT-002',
    content: {
      name: '农机购置与应用补贴',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.BENEFIT_SUBSIDY,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县农业农村局(农机推广服务中心)',
      delegation: null,
      legalBasis:
        '《中华人民共和国农业机械化促进法》第二十七条;《农业农村部办公厅 财政部办公厅关于印发〈2024—2026年农机购置与应用补贴实施意见〉的通知》(农办机〔2024〕3号);安徽省2024—2026年农机购置与应用补贴实施方案。',
      conditions:
        '从事农业生产的个人和农业生产经营组织,购买纳入安徽省补贴范围、且经过投档的农业机械,并按规定完成牌证办理或作业核验的。',
      serviceObject: ServiceObject.BOTH,
      materials: [
        mat('购机者身份证明', ORIGINAL_AND_COPY, PAPER_OR_ELECTRONIC, 1, REQUIRED, {
          notes: '个人提供居民身份证;组织提供营业执照或统一社会信用代码证书',
        }),
        mat('农机购置补贴申请表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED, { notes: '通过农机购置与应用补贴辅助管理系统或手机App填报' }),
        mat('购机发票', ORIGINAL_AND_COPY, PAPER_OR_ELECTRONIC, 1, REQUIRED, { acceptanceStandard: '发票抬头与购机者一致' }),
        mat('农业机械牌证', COPY, PAPER, 1, CONDITIONAL, { condition: '购置拖拉机、联合收割机等需办理牌证的机具' }),
        mat('银行账户', COPY, PAPER, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '购机后在补贴辅助管理系统提交补贴申请'],
        ['核验', '县农业农村局对机具进行核验,实行“见机见人见票”'],
        ['公示', '在县政府网站公示补贴信息'],
        ['兑付', '县财政局按规定将补贴资金兑付至购机者账户'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.agri,
      supervisionPhone: TEL.supervision,
      location: '县政务服务中心 农业农村窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '买了二手农机能申请补贴吗?',
          answer: '不能。补贴只针对购置符合条件的新机具,且同一机具只能享受一次补贴。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'BT-003',
    content: {
      name: '农村低收入群体等重点对象危房改造补助',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.BENEFIT_SUBSIDY,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)村镇建设办公室',
      delegation: null,
      legalBasis:
        '《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》(建村〔2021〕35号);安徽省农村危房改造有关实施办法。',
      conditions:
        '农村低保户、分散供养特困人员、低保边缘家庭、防止返贫监测对象以及因病因灾因意外事故等刚性支出较大导致基本生活出现严重困难家庭中,住房经鉴定为C级或D级危房的。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('农村危房改造申请表', ORIGINAL, PAPER, 1, REQUIRED),
        idCard(),
        hukou(),
        mat('重点对象身份证明', COPY, PAPER, 1, REQUIRED, { notes: '由民政、乡村振兴部门信息比对确认,不能比对的提供证件' }),
        mat('房屋产权或宅基地使用权证明', COPY, PAPER, 1, OPTIONAL),
      ],
      procedure: steps(
        ['申请', '农户向村委会提出书面申请,村委会评议公示后报乡镇'],
        ['鉴定审核', '乡镇(街道)组织房屋安全性鉴定,审核对象身份'],
        ['审批', '报县住房和城乡建设局审批,签订改造协议'],
        ['竣工验收', '改造完成后乡镇组织验收,验收合格后拨付补助资金'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.land,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_LAND,
      officeHours: HOURS,
      faq: [
        {
          question: '房子是D级危房,只能拆了重建吗?',
          answer: 'D级危房原则上拆除重建,也可采取统建农村集体公租房、修缮加固闲置农房等方式保障住房安全。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'BT-004',
    content: {
      name: '基本殡葬服务费用减免',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.BENEFIT_SUBSIDY,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县民政局(县殡仪馆)',
      delegation: null,
      legalBasis:
        '《殡葬管理条例》;《民政部等16部门关于进一步推动殡葬改革促进殡葬事业发展的指导意见》(民发〔2018〕5号);安徽省惠民殡葬政策有关规定。',
      conditions: '本县户籍居民死亡后在本县殡仪馆火化的,可按规定减免遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('居民死亡医学证明(推断)书', ORIGINAL, PAPER, 1, REQUIRED),
        mat('逝者居民身份证或户口簿', ORIGINAL, PAPER, 1, REQUIRED),
        mat('丧事承办人居民身份证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('特困、低保等身份证明', COPY, PAPER, 1, CONDITIONAL, {
          condition: '逝者为特困人员、低保对象等,申请全额减免的',
        }),
      ],
      procedure: steps(
        ['申请', '丧事承办人在办理火化手续时向殡仪馆提出减免申请'],
        ['核验', '殡仪馆核验逝者身份和户籍信息'],
        ['减免', '在结算时直接减免基本殡葬服务费用,无需群众垫付'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: '县殡仪馆 业务大厅',
      officeHours: '全天24小时受理',
      faq: [
        {
          question: '减免后还有哪些费用要自己承担?',
          answer: '骨灰盒、寿衣、告别厅等选择性服务费用由丧属自行承担,殡仪馆须明码标价,不得强制消费。',
        },
      ],
      exemption: {
        document: '县政务服务管理局关于公布部分政务服务事项暂不进驻政务服务中心的通知(县政务〔2025〕6号)',
        office: '县殡仪馆业务大厅',
        address: '县殡仪馆(具体地址以县民政局公布为准)',
        phone: '0564-3371220',
      },
    },
  },

  // ======================================= 劳动就业 ===========================================
  {
    code: 'JY-001',
    content: {
      name: '就业失业登记',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.EMPLOYMENT,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '县公共就业人才服务中心(村(社区)为民服务工作站代办)',
      delegation: null,
      legalBasis:
        '《中华人民共和国就业促进法》第三十五条;《就业服务与就业管理规定》(劳动和社会保障部令第28号)第六章;《人力资源社会保障部关于进一步加强公共就业服务 稳就业促就业的通知》。',
      conditions:
        '法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城乡劳动者,可在常住地办理失业登记;已实现就业的人员可办理就业登记。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        mat('就业失业登记申请表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('劳动合同或用工证明', COPY, PAPER, 1, CONDITIONAL, { condition: '办理就业登记的' }),
        mat('毕业证书', COPY, PAPER, 1, CONDITIONAL, { condition: '离校未就业高校毕业生办理失业登记的' }),
      ],
      procedure: steps(
        ['申请', '通过“皖事通”“安徽人社”线上申请,或到村(社区)为民服务工作站现场申请'],
        ['登记', '核对身份后录入就业信息系统,了解就业需求'],
        ['办结', '当场办结,失业人员同时获得职业指导、岗位推荐等服务'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '农村劳动力也能办失业登记吗?',
          answer: '可以。符合条件的城乡劳动者均可在常住地办理失业登记,享受就业服务和相关扶持政策。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JY-002',
    content: {
      name: '《就业创业证》申领',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.EMPLOYMENT,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)人力资源和社会保障服务所',
      delegation: null,
      legalBasis: '《中华人民共和国就业促进法》;《就业服务与就业管理规定》(劳动和社会保障部令第28号)。',
      conditions: '已办理就业失业登记,需要凭证享受就业创业扶持政策的劳动者。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        mat('近期免冠彩色照片', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '申领纸质证件时提供;电子证无需照片' }),
      ],
      procedure: steps(
        ['申请', '线上申领电子《就业创业证》,或到乡镇(街道)为民服务中心现场申领'],
        ['核发', '核对就业失业登记信息后当场核发'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_HRSS,
      officeHours: HOURS,
      faq: [
        {
          question: '电子证和纸质证效力一样吗?',
          answer: '效力相同。享受政策时可通过信息系统核验,一般不再要求提供纸质证件。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'JY-003',
    content: {
      name: '创业担保贷款申请',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.EMPLOYMENT,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县公共就业人才服务中心(创业担保贷款担保中心)',
      delegation: null,
      legalBasis:
        '《中华人民共和国就业促进法》;《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》(财金〔2020〕21号);安徽省创业担保贷款实施办法。',
      conditions:
        '城镇登记失业人员、就业困难人员、返乡创业农民工、高校毕业生、退役军人、脱贫人口等符合条件的创业人员,以及符合条件的小微企业;本人及配偶无不良信用记录。',
      serviceObject: ServiceObject.BOTH,
      materials: [
        idCard(REQUIRED, { notes: '申请人及配偶身份证件' }),
        mat('创业担保贷款申请表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('营业执照', COPY, PAPER_OR_ELECTRONIC, 1, REQUIRED, { notes: '可通过电子营业执照核验' }),
        mat('属于扶持对象的身份证明', COPY, PAPER, 1, REQUIRED, {
          notes: '如《就业创业证》、退役证、毕业证书等,能通过系统核验的免于提供',
        }),
        mat('结婚证或单身承诺书', COPY, PAPER, 1, REQUIRED),
        mat('反担保材料', COPY, PAPER, 1, CONDITIONAL, { condition: '贷款额度超过免反担保额度的' }),
      ],
      procedure: steps(
        ['申请', '通过“皖事通”创业担保贷款专区或县人社窗口提交申请'],
        ['资格审核', '县人社部门审核申请人资格'],
        ['担保审核', '担保中心和经办银行开展调查,审核担保和贷款条件'],
        ['放款', '签订借款和担保合同,经办银行发放贷款,财政按规定贴息'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.hrss,
      supervisionPhone: TEL.supervision,
      location: '县政务服务中心 二楼 人社窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '个人最多能贷多少?',
          answer: '个人创业担保贷款最高额度按国家和省现行政策执行(一般不超过30万元),合伙创业的可适当提高,期限最长不超过3年。',
        },
        {
          question: '贷款要收担保费吗?',
          answer: '政府性担保机构不收取担保费,财政按规定给予贴息。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 用地审批 ===========================================
  {
    code: 'YD-001',
    content: {
      name: '农村宅基地申请受理(村级审查)',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.LAND_APPROVAL,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村集体经济组织(村民委员会)',
      delegation: null,
      legalBasis:
        '《中华人民共和国土地管理法》第六十二条;《中华人民共和国土地管理法实施条例》第三十四条;《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》(农经发〔2019〕6号)。',
      conditions:
        '本集体经济组织成员,以户为单位申请;一户只能拥有一处宅基地,面积不得超过省规定标准;出卖、出租、赠与住宅后再申请宅基地的,不予批准。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('农村宅基地和建房(规划许可)申请表', ORIGINAL, PAPER, 1, REQUIRED, { acceptanceStandard: '户主签字' }),
        mat('农村宅基地使用承诺书', ORIGINAL, PAPER, 1, REQUIRED),
        hukou(),
        idCard(REQUIRED, { notes: '申请户家庭成员的身份证件' }),
        mat('农房设计图或选用的通用图集', ORIGINAL, PAPER, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '农户以户为单位向村民小组提出书面申请'],
        ['村组审查', '村民小组会议讨论通过并公示,村级组织审查申请条件、拟用地是否符合村庄规划'],
        ['上报', '村级组织签署意见,报送乡镇(街道)为民服务中心'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 10,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.township,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '儿子结婚分户了,能再申请一处宅基地吗?',
          answer: '符合分户条件且确无住房的,可以按程序申请;是否批准还需符合“一户一宅”、面积标准和村庄规划要求。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YD-002',
    content: {
      name: '农村宅基地和建房(规划许可)审批',
      type: ServiceItemType.ADMINISTRATIVE_LICENSE,
      category: ServiceCategory.LAND_APPROVAL,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)',
      delegation: {
        entrustingDepartment: '县自然资源和规划局、县农业农村局',
        document: '县人民政府关于向乡镇(街道)下放农村宅基地审批和乡村建设规划许可权限的决定',
      },
      legalBasis:
        '《中华人民共和国土地管理法》第六十二条;《中华人民共和国土地管理法实施条例》第三十四条;《中华人民共和国城乡规划法》第四十一条;《中华人民共和国行政许可法》;《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》(农经发〔2019〕6号)。',
      conditions:
        '本集体经济组织成员以户为单位申请,符合国土空间规划和村庄规划,符合“一户一宅”和省规定的面积标准,不占用永久基本农田,尽量使用原有宅基地和村内空闲地,经村级审查同意。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('农村宅基地和建房(规划许可)申请表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('农村宅基地使用承诺书', ORIGINAL, PAPER, 1, REQUIRED),
        mat('村民小组会议记录和村级审查意见', ORIGINAL, PAPER, 1, REQUIRED),
        hukou(),
        mat('农房设计图或选用的通用图集', ORIGINAL, PAPER, 1, REQUIRED),
        mat('原宅基地退出协议', ORIGINAL, PAPER, 1, CONDITIONAL, { condition: '拆旧建新或申请新址需退出原宅基地的' }),
      ],
      procedure: steps(
        ['受理', '乡镇(街道)为民服务中心统一受理村级报送的申请材料'],
        ['联审', '乡镇农业农村、自然资源、村镇建设等机构联合审查并实地踏勘'],
        ['审批', '乡镇人民政府作出审批决定,核发《农村宅基地批准书》和《乡村建设规划许可证》'],
        ['放样开工', '开工前乡镇组织到场丈量批放,确定建房位置'],
        ['竣工验收', '竣工后乡镇组织验收,出具《农村宅基地和建房(规划许可)验收意见表》'],
      ),
      statutoryLimit: 20,
      statutoryUnit: WD,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 2,
      onlineCapable: true,
      consultationPhone: TEL.land,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_LAND,
      officeHours: HOURS,
      faq: [
        {
          question: '审批通过后多久必须开工?',
          answer: '应在批准之日起按规定期限内开工,逾期未开工的批准文件自动失效,需重新申请。',
        },
        {
          question: '涉及占用农用地怎么办?',
          answer: '涉及占用农用地的,应先依法办理农用地转用审批手续,再由乡镇人民政府审批宅基地。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YD-003',
    content: {
      name: '乡村建设规划许可证核发',
      type: ServiceItemType.ADMINISTRATIVE_LICENSE,
      category: ServiceCategory.LAND_APPROVAL,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)',
      delegation: {
        entrustingDepartment: '县自然资源和规划局',
        document: '县人民政府关于向乡镇(街道)下放农村宅基地审批和乡村建设规划许可权限的决定',
      },
      legalBasis:
        '《中华人民共和国城乡规划法》第四十一条;《中华人民共和国行政许可法》;《安徽省城乡规划条例》。',
      conditions:
        '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设的单位和个人;建设项目符合村庄规划,使用原有宅基地进行农村村民住宅建设的按宅基地和建房联审联办办理。',
      serviceObject: ServiceObject.BOTH,
      materials: [
        mat('乡村建设规划许可申请表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('申请人身份证明', COPY, PAPER_OR_ELECTRONIC, 1, REQUIRED, { notes: '个人提供居民身份证,单位提供营业执照或统一社会信用代码证书' }),
        mat('建设工程设计方案', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('村民委员会意见', ORIGINAL, PAPER, 1, REQUIRED),
        mat('用地批准文件', COPY, PAPER, 1, CONDITIONAL, { condition: '建设项目需办理用地审批的' }),
      ],
      procedure: steps(
        ['受理', '乡镇(街道)为民服务中心受理申请'],
        ['审查', '审查设计方案是否符合村庄规划,组织现场踏勘'],
        ['决定', '符合条件的核发《乡村建设规划许可证》,不符合的书面说明理由'],
        ['送达', '窗口领取或邮寄送达'],
      ),
      statutoryLimit: 20,
      statutoryUnit: WD,
      promisedLimit: 10,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.land,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_LAND,
      officeHours: HOURS,
      faq: [
        {
          question: '村里建文化广场、公厕也要办这个证吗?',
          answer: '在村庄规划区内进行乡村公共设施和公益事业建设的,应当依法办理乡村建设规划许可。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YD-004',
    content: {
      name: '临时用地审批',
      type: ServiceItemType.ADMINISTRATIVE_LICENSE,
      category: ServiceCategory.LAND_APPROVAL,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县自然资源和规划局',
      delegation: null,
      legalBasis:
        '《中华人民共和国土地管理法》第五十七条;《中华人民共和国土地管理法实施条例》第二十条;《土地复垦条例》;《自然资源部关于规范临时用地管理的通知》(自然资规〔2021〕2号);《中华人民共和国行政许可法》。',
      conditions:
        '建设项目施工、地质勘查等需要临时使用国有土地或农民集体所有土地的;临时用地期限一般不超过二年,不得修建永久性建筑物,原则上不得占用永久基本农田。',
      serviceObject: ServiceObject.BOTH,
      materials: [
        mat('临时用地申请书', ORIGINAL, PAPER, 1, REQUIRED),
        mat('申请人身份证明', COPY, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('临时使用土地合同', ORIGINAL, PAPER, 1, REQUIRED, {
          acceptanceStandard: '与农村集体经济组织或土地权利人签订,约定用途、期限和补偿',
        }),
        mat('土地复垦方案报告表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('勘测定界图', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('建设项目批准文件', COPY, PAPER, 1, CONDITIONAL, { condition: '因建设项目施工需要临时用地的' }),
      ],
      procedure: steps(
        ['受理', '县政务服务中心自然资源窗口受理'],
        ['审查', '审查土地用途、期限、复垦方案,组织实地核查'],
        ['决定', '作出准予或不予临时用地的决定'],
        ['送达', '核发临时用地批准文件,申请人按规定缴纳土地复垦费或复垦保证金'],
      ),
      statutoryLimit: 20,
      statutoryUnit: WD,
      promisedLimit: 10,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: {
        free: false,
        items: [
          {
            name: '土地复垦费',
            standard: '土地复垦义务人不自行复垦或复垦验收不合格的,按经审查的土地复垦方案确定的复垦费用缴纳',
            basis: '《土地复垦条例》(国务院令第592号)第十八条;全国政府性基金和行政事业性收费目录清单',
          },
        ],
      },
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.land,
      supervisionPhone: TEL.supervisionCounty,
      location: '县政务服务中心 三楼 自然资源和规划窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '临时用地到期还没用完可以续期吗?',
          answer: '临时用地期限一般不超过二年;建设周期较长的能源、交通、水利等项目,可在期满前申请延期,但最长不超过四年。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'YD-005',
    content: {
      name: '宅基地使用权及房屋所有权首次登记',
      type: ServiceItemType.ADMINISTRATIVE_CONFIRMATION,
      category: ServiceCategory.LAND_APPROVAL,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县不动产登记中心',
      delegation: null,
      legalBasis:
        '《中华人民共和国民法典》第二百零九条、第三百六十二条至第三百六十五条;《不动产登记暂行条例》(国务院令第656号);《不动产登记暂行条例实施细则》;《中华人民共和国土地管理法》第六十二条。',
      conditions:
        '依法取得宅基地并已建成房屋,房屋经乡镇竣工验收,权属清楚、界址清晰、无权属争议的农村村民。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('不动产登记申请书', ORIGINAL, PAPER, 1, REQUIRED),
        idCard(REQUIRED, { notes: '申请人及共有人身份证件' }),
        hukou(),
        mat('农村宅基地批准书', ORIGINAL_AND_COPY, PAPER, 1, REQUIRED, { notes: '历史形成无批准文件的,按房地一体确权登记有关规定提供村组证明和公告材料' }),
        mat('农村宅基地和建房(规划许可)验收意见表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('不动产权籍调查成果', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '到县不动产登记中心窗口提交申请,也可通过“皖事通”预约'],
        ['受理', '对申请材料进行查验,当场作出受理决定'],
        ['审核公告', '审核权属来源,实地查看,首次登记按规定公告15个工作日'],
        ['登簿缴费', '公告无异议的登记簿,申请人缴纳登记费'],
        ['发证', '核发不动产权证书,可邮寄送达'],
      ),
      statutoryLimit: 30,
      statutoryUnit: WD,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: {
        free: false,
        items: [
          {
            name: '住宅类不动产登记费',
            standard: '每件80元(宅基地使用权及房屋所有权一并登记,收取一次;单独申请宅基地使用权登记的免收)',
            basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》(发改价格规〔2016〕2559号);《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》(财税〔2016〕79号)',
          },
          {
            name: '不动产权证书工本费',
            standard: '核发一本证书免收;每增加一本加收10元',
            basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》(发改价格规〔2016〕2559号)',
          },
        ],
      },
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.registry,
      supervisionPhone: TEL.supervisionCounty,
      location: '县不动产登记中心 办事大厅',
      officeHours: HOURS,
      faq: [
        {
          question: '老房子没有审批手续,能办证吗?',
          answer: '历史形成的宅基地,按照房地一体确权登记政策,经村组调查、公告无异议且符合条件的,可依法办理登记。',
        },
        {
          question: '乡镇为民服务中心能办理吗?',
          answer: '本事项暂不进驻乡镇(街道)为民服务中心,须到县不动产登记中心办理;乡镇窗口可提供咨询和材料预审。',
        },
      ],
      exemption: {
        document: '县人民政府办公室关于印发县乡政务服务事项进驻清单及暂不进驻事项目录的通知(县政办〔2025〕12号)',
        office: '县不动产登记中心',
        address: '县政务服务中心 一楼 不动产登记大厅',
        phone: '0564-3371208',
      },
    },
  },
  {
    code: 'YD-006',
    content: {
      name: '设施农业用地备案',
      type: ServiceItemType.OTHER_POWER,
      category: ServiceCategory.LAND_APPROVAL,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)',
      delegation: null,
      legalBasis:
        '《中华人民共和国土地管理法》;《自然资源部 农业农村部关于设施农业用地管理有关问题的通知》(自然资规〔2019〕4号);安徽省设施农业用地管理有关规定。',
      conditions:
        '从事种植、畜禽水产养殖等农业生产需要建设作物种植、畜禽养殖、水产养殖设施及配套设施,不改变土地农用地性质,且不占用永久基本农田(经批准的除外)。',
      serviceObject: ServiceObject.BOTH,
      materials: [
        mat('设施农业用地备案申请表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('设施农业用地协议', ORIGINAL, PAPER, 1, REQUIRED, { acceptanceStandard: '经营者与农村集体经济组织、承包农户签订' }),
        mat('用地位置图和平面布置图', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('土地复垦承诺书', ORIGINAL, PAPER, 1, REQUIRED),
        mat('经营者身份证明', COPY, PAPER_OR_ELECTRONIC, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '经营者向乡镇(街道)为民服务中心提交备案材料'],
        ['核查', '乡镇组织农业农村、自然资源人员核查用地位置、规模和用途'],
        ['备案', '符合要求的予以备案并上图入库,告知用地监管要求'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 10,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.land,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_LAND,
      officeHours: HOURS,
      faq: [
        {
          question: '在大棚边上盖个看护房可以吗?',
          answer: '看护房属于辅助设施,应按规定规模随设施农业用地一并备案,不得改作住宅、农家乐等非农用途。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 社会福利 ===========================================
  {
    code: 'FL-001',
    content: {
      name: '高龄津贴申请受理(80周岁以上高龄老人补贴)',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_WELFARE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村(居)民委员会(村(社区)为民服务工作站受理)',
      delegation: null,
      legalBasis:
        '《中华人民共和国老年人权益保障法》第三十三条;《安徽省实施〈中华人民共和国老年人权益保障法〉办法》;县高龄津贴发放管理有关规定。',
      conditions: '具有本县户籍、年满80周岁的老年人;补贴标准按年龄段分档,以县民政局公布标准为准。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(REQUIRED, { notes: '老年人本人身份证件' }),
        hukou(),
        mat('高龄津贴申请表', ORIGINAL, PAPER, 1, REQUIRED, { notes: '可由家属代为填写' }),
        mat('惠民惠农财政补贴“一卡通”或社会保障卡', COPY, PAPER, 1, REQUIRED),
        agentPapers(),
      ],
      procedure: steps(
        ['申请', '老年人或其家属到村(社区)为民服务工作站申请,年满80周岁前后可提前告知工作站'],
        ['受理核实', '工作站核对年龄和户籍信息,在村务公开栏公示'],
        ['上报', '报乡镇(街道)审核后由县民政局审批,次月起按月或按季发放'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 3,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '老人卧床不能到场怎么办?',
          answer: '可由家属代办,或预约工作人员上门核实;通过数据比对确认的,实行“免申即享”。',
        },
        {
          question: '老人在外地子女家居住,还能领吗?',
          answer: '可以,按户籍地标准发放,每年需配合完成生存状态核实。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'FL-002',
    content: {
      name: '困难残疾人生活补贴和重度残疾人护理补贴申请受理(初审)',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_WELFARE,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村(居)民委员会(村(社区)为民服务工作站受理)',
      delegation: null,
      legalBasis:
        '《中华人民共和国残疾人保障法》;《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》(国发〔2015〕52号);安徽省残疾人两项补贴实施办法。',
      conditions:
        '困难残疾人生活补贴:低保家庭中的残疾人及其他经济困难残疾人;重度残疾人护理补贴:残疾等级为一级、二级且需长期照护的重度残疾人。均须持有第三代《中华人民共和国残疾人证》。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('残疾人两项补贴申请审批表', ORIGINAL, PAPER, 1, REQUIRED),
        mat('残疾人证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED, { acceptanceStandard: '第三代残疾人证,在有效期内' }),
        idCard(),
        hukou(),
        mat('低保证或其他经济困难证明', COPY, PAPER, 1, CONDITIONAL, {
          condition: '申请困难残疾人生活补贴且无法通过系统比对确认困难身份的',
        }),
      ],
      procedure: steps(
        ['申请', '残疾人或其监护人到村(社区)为民服务工作站申请,也可通过全国一体化政务服务平台线上申请'],
        ['初审', '工作站核对证件,了解生活和照护状况,填写初审意见'],
        ['上报', '报乡镇(街道)审核、县民政局审定,自申请次月起发放'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 3,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 0,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '两项补贴能同时领吗?',
          answer: '既是低保等困难家庭残疾人、又是重度残疾人的,可以同时领取两项补贴。',
        },
        {
          question: '已经享受特困供养的还能领吗?',
          answer: '特困人员不享受困难残疾人生活补贴;重度残疾人护理补贴按省规定与特困供养照料护理补贴不重复享受。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'FL-003',
    content: {
      name: '孤儿基本生活保障',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_WELFARE,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县民政局',
      delegation: null,
      legalBasis:
        '《中华人民共和国未成年人保护法》;《国务院办公厅关于加强孤儿保障工作的意见》(国办发〔2010〕54号);《民政部 财政部关于发放孤儿基本生活费的通知》(民发〔2010〕161号)。',
      conditions: '父母双方均死亡或依法宣告死亡、宣告失踪,具有本县户籍的未满18周岁未成年人。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('孤儿基本生活保障申请审批表', ORIGINAL, PAPER, 1, REQUIRED),
        hukou(),
        mat('儿童父母死亡证明或人民法院宣告死亡、失踪的判决书', COPY, PAPER, 1, REQUIRED),
        mat('监护人居民身份证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('监护人银行账户', COPY, PAPER, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '监护人向儿童户籍所在地乡镇(街道)提出申请'],
        ['审核', '乡镇(街道)入户调查核实,提出审核意见后报县民政局'],
        ['审批', '县民政局审批,符合条件的纳入保障范围'],
        ['发放', '自批准次月起按月发放基本生活费至监护人账户'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 20,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: '县政务服务中心 民政窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '孤儿满18岁后还能继续领吗?',
          answer: '年满18周岁仍在全日制学校就读的,可按“孤儿助学工程”等规定继续享受相关资助,至毕业为止。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'FL-004',
    content: {
      name: '事实无人抚养儿童等困境儿童保障',
      type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
      category: ServiceCategory.SOCIAL_WELFARE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇人民政府(街道办事处)社会事务办公室',
      delegation: null,
      legalBasis:
        '《中华人民共和国未成年人保护法》;《国务院关于加强困境儿童保障工作的意见》(国发〔2016〕36号);《民政部等12部门关于进一步加强事实无人抚养儿童保障工作的意见》(民发〔2019〕62号)。',
      conditions:
        '父母双方均符合重残、重病、服刑在押、强制隔离戒毒、被执行其他限制人身自由措施、失联、被撤销监护资格、被遣送(驱逐)出境等情形之一,或一方死亡失踪另一方符合上述情形之一的未成年人。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        mat('事实无人抚养儿童认定申请表', ORIGINAL, PAPER, 1, REQUIRED),
        hukou(),
        mat('父母重残、重病、服刑、失联等情况的证明材料', COPY, PAPER, 1, REQUIRED, {
          notes: '能通过部门信息共享核实的免于提供',
        }),
        mat('监护人居民身份证', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('监护人银行账户', COPY, PAPER, 1, REQUIRED),
      ],
      procedure: steps(
        ['申请', '儿童监护人向乡镇(街道)提出申请;儿童督导员、儿童主任可代为申请'],
        ['查验核实', '乡镇(街道)查验材料、入户调查,提出初步意见并公示'],
        ['确认', '报县民政局确认,纳入保障范围'],
        ['发放', '参照孤儿基本生活保障标准按月发放基本生活补贴'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_SOCIAL,
      officeHours: HOURS,
      faq: [
        {
          question: '父母一方外出打工失联,孩子跟爷爷奶奶生活,能申请吗?',
          answer: '父母一方失联须经公安机关立案寻找满6个月未果,且另一方同样符合重残、重病、服刑、失联等情形之一的,才可申请认定。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'FL-005',
    content: {
      name: '老年人优待证办理',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.SOCIAL_WELFARE,
      handlingLevel: JurisdictionLevel.TOWNSHIP,
      handlingDepartment: '乡镇(街道)为民服务中心(民政窗口)',
      delegation: null,
      legalBasis:
        '《中华人民共和国老年人权益保障法》第五章;《安徽省实施〈中华人民共和国老年人权益保障法〉办法》。',
      conditions: '年满60周岁的本县户籍老年人及在本县居住的非本县户籍老年人。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        mat('近期免冠彩色照片', ORIGINAL, PAPER_OR_ELECTRONIC, 1, OPTIONAL, { notes: '窗口可现场拍照;申领电子优待证无需照片' }),
        agentPapers(),
      ],
      procedure: steps(
        ['申请', '到乡镇(街道)为民服务中心现场申请,或通过“皖事通”申领电子老年人优待证'],
        ['办理', '核对身份信息后当场制证'],
        ['发证', '当场领取实体卡或电子证'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.civil,
      supervisionPhone: TEL.supervision,
      location: LOC_TOWN_SOCIAL,
      officeHours: HOURS,
      faq: [
        {
          question: '优待证有什么用?',
          answer: '可凭证享受公园景点门票减免、公共交通优惠、医疗机构优先就诊等社会优待,具体优待项目以省、市公布为准;凭身份证同样可以享受。',
        },
      ],
      exemption: null,
    },
  },
  {
    code: 'FL-006',
    content: {
      name: '残疾人证办理(新办、换领、迁移)',
      type: ServiceItemType.ADMINISTRATIVE_CONFIRMATION,
      category: ServiceCategory.SOCIAL_WELFARE,
      handlingLevel: JurisdictionLevel.COUNTY,
      handlingDepartment: '县残疾人联合会',
      delegation: null,
      legalBasis:
        '《中华人民共和国残疾人保障法》;《中华人民共和国残疾人证管理办法》(中国残联);《残疾人残疾分类和分级》(GB/T 26341)。',
      conditions: '符合残疾标准的视力、听力、言语、肢体、智力、精神及多重残疾人员,具有本县户籍或持有本县居住证。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(CONDITIONAL, { condition: '申请人已办理居民身份证的' }),
        hukou(),
        mat('近期二寸免冠白底彩色照片', ORIGINAL, PAPER_OR_ELECTRONIC, 3, REQUIRED),
        mat('残疾人证申请表', ORIGINAL, PAPER_OR_ELECTRONIC, 1, REQUIRED),
        mat('原残疾人证', ORIGINAL, PAPER, 1, CONDITIONAL, { condition: '办理换领、迁移的' }),
      ],
      procedure: steps(
        ['申请', '通过全国一体化政务服务平台、“皖事通”线上申请,或到乡镇(街道)、县残联窗口申请'],
        ['评定', '到县残联指定医疗机构进行残疾评定,行动不便的可申请上门评定'],
        ['审核', '县残联审核评定结果并公示'],
        ['发证', '制发第三代智能化残疾人证,可到乡镇领取或邮寄'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 15,
      promisedUnit: WD,
      handlingKind: HandlingKind.PROMISED,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: true,
      consultationPhone: TEL.disabled,
      supervisionPhone: TEL.supervision,
      location: '县政务服务中心 残联窗口',
      officeHours: HOURS,
      faq: [
        {
          question: '办残疾人证要交钱吗?',
          answer: '残疾人证免收工本费;残疾评定费用按县残联规定执行,经济困难的可申请减免。',
        },
      ],
      exemption: null,
    },
  },

  // ======================================= 民政服务 ===========================================
  {
    code: 'MZ-001',
    content: {
      name: '居住证明',
      type: ServiceItemType.PUBLIC_SERVICE,
      category: ServiceCategory.CIVIL_AFFAIRS,
      handlingLevel: JurisdictionLevel.VILLAGE,
      handlingDepartment: '村(居)民委员会',
      delegation: null,
      legalBasis: '《居住证暂行条例》(国务院令第663号)第九条;《中华人民共和国村民委员会组织法》;《中华人民共和国城市居民委员会组织法》。',
      conditions: '在本村(社区)实际居住,办理居住证等事项需要证明居住情况,且无法提供房屋租赁合同、房屋产权证明等材料的人员。',
      serviceObject: ServiceObject.PERSON,
      materials: [
        idCard(),
        mat('居住地址相关说明材料', COPY, PAPER, 1, OPTIONAL, { notes: '如房东或邻里证明,便于核实' }),
      ],
      procedure: steps(
        ['申请', '本人到村(社区)为民服务工作站申请'],
        ['核实出具', '网格员核实实际居住情况后当场出具并加盖印章'],
      ),
      statutoryLimit: null,
      statutoryUnit: null,
      promisedLimit: 0,
      promisedUnit: WD,
      handlingKind: HandlingKind.INSTANT,
      fee: FREE,
      visitsRequired: 1,
      onlineCapable: false,
      consultationPhone: TEL.township,
      supervisionPhone: TEL.supervision,
      location: LOC_VILLAGE,
      officeHours: HOURS_VILLAGE,
      faq: [
        {
          question: '需要网格员上门核实吗?',
          answer: '网格员掌握居住情况的当场出具;不掌握的,需上门核实后出具,一般不超过1个工作日。',
        },
      ],
      exemption: null,
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Handling chains across the levels (四级联动): the village station collects, the township accepts and
// reviews, the village posts the public notice, the county decides; the result comes back to the station.
// Stage limits follow the usual provincial practice (e.g. 低保: 入户调查 10 个工作日, 村级公示 7 日).
// ---------------------------------------------------------------------------------------------

const V = JurisdictionLevel.VILLAGE;
const T = JurisdictionLevel.TOWNSHIP;
const C = JurisdictionLevel.COUNTY;
const stage = (kind: StageKind, level: JurisdictionLevel, name: string, limit: number, unit: TimeLimitUnit = WD): ChainStage => ({ kind, level, name, limit, unit });
const collect = (name = '村代办员收件', limit = 2) => stage(StageKind.COLLECT, V, name, limit);
const accept = (level: JurisdictionLevel, name: string) => stage(StageKind.ACCEPT, level, name, 5);
const review = (level: JurisdictionLevel, name: string, limit: number) => stage(StageKind.REVIEW, level, name, limit);
const notice = (days = 7, name = '村级公示') => stage(StageKind.PUBLIC_NOTICE, V, name, days, CD);
const decide = (level: JurisdictionLevel, name: string, limit: number) => stage(StageKind.DECIDE, level, name, limit);

export const DEMO_CHAINS: Record<string, ChainStage[]> = {
  'JZ-001': [collect(), accept(T, '乡镇受理'), review(T, '乡镇入户调查审核', 8), notice(7), decide(C, '县民政局审批确认', 7)],
  'JZ-002': [collect(), accept(T, '乡镇受理'), review(T, '乡镇调查审核', 5), notice(7), decide(C, '县民政局审批确认', 5)],
  'JZ-004': [collect('村代办员收件', 1), accept(T, '乡镇受理'), review(T, '乡镇入户核查', 3), decide(T, '乡镇审批', 2)],
  'SB-003': [collect(), accept(T, '乡镇受理'), review(T, '乡镇初审', 3), decide(C, '县社保中心核定', 7)],
  'BT-001': [collect('村级申报', 5), accept(T, '乡镇受理'), review(T, '乡镇核实', 10), notice(7), decide(C, '县农业农村局审核', 10)],
  'YD-002': [collect('村级审查', 5), accept(T, '乡镇受理'), review(T, '乡镇联审(现场踏勘)', 7), notice(5), decide(T, '乡镇审批', 4)],
  'JS-003': [collect(), accept(T, '乡镇受理'), review(T, '乡镇初审', 10), notice(7), decide(C, '县卫生健康委审批', 10)],
  'FL-001': [accept(V, '村服务站受理'), review(T, '乡镇审核', 5), notice(7), decide(C, '县民政局审批', 10)],
  'JS-002': [accept(V, '村服务站受理'), review(T, '乡镇初审', 10), notice(7), decide(C, '县卫生健康委确认', 10)],
  'FL-003': [collect(), accept(C, '县民政局受理'), review(C, '县民政局调查核实', 10), decide(C, '县民政局审批', 10)],
  'FL-006': [collect(), accept(C, '县残联受理'), review(C, '指定医院残疾评定', 15), decide(C, '县残联审核发证', 5)],
};

/** Items whose promised limit grows with the chain (the whole chain runs within it, from acceptance). */
const CHAIN_PROMISED_LIMITS: Record<string, number> = { 'BT-001': 25, 'JS-003': 25, 'JS-002': 25, 'FL-001': 20, 'FL-006': 20 };

for (const item of DEMO_ITEMS) {
  const chain = DEMO_CHAINS[item.code];
  if (chain) item.content.chain = chain;
  if (CHAIN_PROMISED_LIMITS[item.code]) item.content.promisedLimit = CHAIN_PROMISED_LIMITS[item.code];
}
