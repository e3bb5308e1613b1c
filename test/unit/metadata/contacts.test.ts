import { describe, expect, it } from 'vitest';
import { extractContacts, findPhones } from '../../../indexer/metadata/contacts.ts';

describe('extractContacts', () => {
  it('reads seed 000', () => {
    expect(
      extractContacts(
        '欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。联系电话：0415-5189642；通信地址：宽甸镇阮国长大街昌德东侧；邮编118200。',
      ),
    ).toEqual({
      phones: ['0415-5189642'],
      address: '宽甸镇阮国长大街昌德东侧',
      postcode: '118200',
    });
  });

  it('reads seed 003 (邮政信箱 as address, office hours are no phone)', () => {
    expect(
      extractContacts(
        '公开期限：2025年11月21日至12月12日。联系电话：0415-2195262 （工作日9:00--17:00）；邮政信箱：丹东市振兴区山上街111号党群工作部。',
      ),
    ).toEqual({
      phones: ['0415-2195262'],
      address: '丹东市振兴区山上街111号党群工作部',
    });
  });

  it('reads several phones, e-mail and a postcode after a comma', () => {
    expect(
      extractContacts(
        '联系电话：（024）23456789、13904150000，举报电话：12388；电子邮箱：abc@163.com；通讯地址：沈阳市和平区某某路1号，邮政编码：110000',
      ),
    ).toEqual({
      phones: ['（024）23456789', '13904150000', '12388'],
      address: '沈阳市和平区某某路1号',
      postcode: '110000',
      email: 'abc@163.com',
    });
  });

  it('has only empty phones when nothing is given', () => {
    expect(extractContacts('欢迎广大干部群众进行监督。')).toEqual({ phones: [] });
  });
});

describe('findPhones', () => {
  it.each([
    ['0415-5189642', '0415-5189642'],
    ['024－23456789', '024－23456789'],
    ['0415—5189642', '0415—5189642'],
    ['(0415)5189642', '(0415)5189642'],
    ['0415-5189642-8001', '0415-5189642-8001'],
    ['电话：5189642', '5189642'],
  ])('%s', (text, phone) => expect(findPhones(text).map((p) => p.text)).toEqual([phone]));

  it.each(['443,814.00元', '2025年11月21日', '邮编118200', '全网点击量约2000万次', '9:00--17:00'])('no phone in %s', (text) => {
    expect(findPhones(text)).toEqual([]);
  });
});
