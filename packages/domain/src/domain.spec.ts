import {
  ALL_FACILITIES,
  CenterStatus,
  Facility,
  HandlingKind,
  JurisdictionLevel,
  MaterialForm,
  MaterialMedium,
  MaterialNecessity,
  ServiceCategory,
  ServiceItemType,
  ServiceObject,
  TimeLimitUnit,
  allowedParentLevels,
  childLevel,
  isStandardized,
  isValidIdNumber,
  isValidMobile,
  levelOfCode,
  maskIdNumber,
  maskName,
  maskPhone,
  officialCenterName,
  rate,
  validateItemContent,
  type ItemContent,
} from './index';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a number whose check digit is right, including X', () => {
    expect(isValidIdNumber('341502195803120025')).toBe(true);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('refuses a wrong check digit, an impossible birth date and the wrong length', () => {
    expect(isValidIdNumber('341502195803120027')).toBe(false);
    expect(isValidIdNumber('341502195813320025')).toBe(false);
    expect(isValidIdNumber('34150219580312002')).toBe(false);
  });
  it('checks mainland mobile numbers', () => {
    expect(isValidMobile('13905640001')).toBe(true);
    expect(isValidMobile('12345')).toBe(false);
  });
});

describe('masking personal data', () => {
  it('keeps the family name only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
  it('keeps the ends of ID and phone numbers', () => {
    expect(maskIdNumber('341502195803120025')).toBe('3415**********0025');
    expect(maskPhone('13905640001')).toBe('139****0001');
  });
});

describe('jurisdictions and centres', () => {
  it('reads the level from the zero-filled tail of a code', () => {
    expect(levelOfCode('341500000000')).toBe(JurisdictionLevel.CITY);
    expect(levelOfCode('341502000000')).toBe(JurisdictionLevel.COUNTY);
    expect(levelOfCode('341502001000')).toBe(JurisdictionLevel.TOWNSHIP);
    expect(levelOfCode('341502001001')).toBe(JurisdictionLevel.VILLAGE);
    expect(childLevel(JurisdictionLevel.VILLAGE)).toBeNull();
  });
  it('lets a township sit under a county or a city without counties, and a city under a province or at the root', () => {
    expect(allowedParentLevels(JurisdictionLevel.TOWNSHIP)).toEqual([JurisdictionLevel.COUNTY, JurisdictionLevel.CITY]);
    expect(allowedParentLevels(JurisdictionLevel.CITY)).toEqual([JurisdictionLevel.PROVINCE]);
    expect(allowedParentLevels(JurisdictionLevel.VILLAGE)).toEqual([JurisdictionLevel.TOWNSHIP]);
    expect(allowedParentLevels(JurisdictionLevel.PROVINCE)).toEqual([]);
  });
  it('refuses items handled at the province, which is not a service level', () => {
    const problems = validateItemContent({ handlingLevel: JurisdictionLevel.PROVINCE } as unknown as ItemContent);
    expect(problems.map((p) => p.field)).toContain('handlingLevel');
  });
  it('names centres the way the policy does', () => {
    expect(officialCenterName('金安区', JurisdictionLevel.COUNTY, '六安市')).toBe('六安市金安区政务服务中心');
    expect(officialCenterName('木厂镇', JurisdictionLevel.TOWNSHIP)).toBe('木厂镇为民服务中心');
    expect(officialCenterName('城北村', JurisdictionLevel.VILLAGE)).toBe('城北村为民服务工作站');
  });
  it('counts a station as standardised only when built, fully equipped and large enough', () => {
    const station = { status: CenterStatus.BUILT, facilities: ALL_FACILITIES, hallArea: 40, level: JurisdictionLevel.VILLAGE };
    expect(isStandardized(station)).toBe(true);
    expect(isStandardized({ ...station, hallArea: 39.5 })).toBe(false);
    expect(isStandardized({ ...station, status: CenterStatus.PLANNED })).toBe(false);
    expect(isStandardized({ ...station, facilities: ALL_FACILITIES.filter((f) => f !== Facility.SIGNAGE) })).toBe(false);
  });
  it('gives no rate over nothing', () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('item content rules', () => {
  const base: ItemContent = {
    name: '高龄津贴申请',
    type: ServiceItemType.ADMINISTRATIVE_PAYMENT,
    category: ServiceCategory.SOCIAL_WELFARE,
    handlingLevel: JurisdictionLevel.VILLAGE,
    handlingDepartment: '县民政局',
    delegation: null,
    legalBasis: '《安徽省老年人权益保障条例》',
    conditions: '年满80周岁的本县户籍老年人',
    serviceObject: ServiceObject.PERSON,
    materials: [{ name: '居民身份证', form: MaterialForm.ORIGINAL, medium: MaterialMedium.PAPER, copies: 1, necessity: MaterialNecessity.REQUIRED }],
    procedure: [{ title: '申请' }],
    statutoryLimit: 20,
    statutoryUnit: TimeLimitUnit.WORKING_DAYS,
    promisedLimit: 10,
    promisedUnit: TimeLimitUnit.WORKING_DAYS,
    handlingKind: HandlingKind.PROMISED,
    fee: { free: true, items: [] },
    visitsRequired: 1,
    onlineCapable: true,
    consultationPhone: '0564-3371234',
    supervisionPhone: '12345',
    location: '村为民服务工作站',
    officeHours: '工作日',
    faq: [],
    exemption: null,
    demo: false,
  };

  it('accepts a complete item', () => {
    expect(validateItemContent(base, JurisdictionLevel.COUNTY)).toEqual([]);
  });

  it('lists every problem at once, each with its field', () => {
    const problems = validateItemContent({
      ...base,
      name: '',
      promisedLimit: 25,
      materials: [...base.materials, { ...base.materials[0] }, { ...base.materials[0], name: '证明', necessity: MaterialNecessity.CONDITIONAL }],
      fee: { free: false, items: [] },
      exemption: { document: '', office: '县不动产登记中心', address: '人民路1号', phone: 'x' },
    });
    expect(problems.map((p) => p.field)).toEqual([
      'name',
      'materials.1.name',
      'materials.2.condition',
      'promisedLimit',
      'fee.items',
      'exemption.document',
      'exemption.phone',
    ]);
  });

  it('compares limits only in the same unit', () => {
    expect(validateItemContent({ ...base, promisedLimit: 25, promisedUnit: TimeLimitUnit.CALENDAR_DAYS })).toEqual([]);
  });

  it('keeps an instant item at zero days and a directory to its own level and below', () => {
    expect(validateItemContent({ ...base, handlingKind: HandlingKind.INSTANT }).map((p) => p.field)).toEqual(['promisedLimit']);
    expect(validateItemContent({ ...base, handlingLevel: JurisdictionLevel.CITY }, JurisdictionLevel.COUNTY).map((p) => p.field)).toEqual(['handlingLevel']);
  });
});
