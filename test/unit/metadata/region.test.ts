import { describe, expect, it } from 'vitest';
import { regionOf } from '../../../indexer/metadata/region.ts';

describe('regionOf', () => {
  it.each([
    [['宽甸满族自治县融媒体中心'], '', ['辽宁省', '丹东市', '宽甸满族自治县']],
    [['宽甸县融媒体中心'], '', ['辽宁省', '丹东市', '宽甸满族自治县']],
    [['中共丹东市融媒体中心委员会'], '', ['辽宁省', '丹东市']],
    [['中共辽宁省文化和旅游厅党组'], '', ['辽宁省']],
    [['沈阳市和平区某某局'], '', ['辽宁省', '沈阳市', '和平区']],
    [['中共海城市委员会'], '', ['辽宁省', '鞍山市', '海城市']],
    [['义县教育局'], '', ['辽宁省', '锦州市', '义县']],
    [['中共北京市东城区委员会'], '', ['北京市', '北京市', '东城区']],
    [['仙桃市某某局'], '', ['湖北省', '仙桃市']],
  ])('%j → %j', (units, clues, path) => expect(regionOf(units, clues)).toEqual(path));

  it('does not guess between places of the same name', () => {
    expect(regionOf(['朝阳区某某局'], '')).toEqual([]);
    expect(regionOf(['新华区某某局'], '')).toEqual([]);
    // A county name and a province that does not contain it: only the province is certain.
    expect(regionOf(['辽宁省朝阳区某某'], '')).toEqual(['辽宁省']);
  });

  it('lets other text of the notice decide between them', () => {
    expect(regionOf(['朝阳区某某局'], '通信地址：长春市朝阳区人民大街1号')).toEqual(['吉林省', '长春市', '朝阳区']);
    expect(regionOf(['鼓楼区某某局'], '根据福州市委统一部署')).toEqual(['福建省', '福州市', '鼓楼区']);
  });

  it('does not extend a city-level unit with the district of its address', () => {
    expect(regionOf(['丹东市融媒体中心'], '邮政信箱：丹东市振兴区山上街111号')).toEqual(['辽宁省', '丹东市']);
  });

  it('falls back to the address when the unit names no place', () => {
    expect(regionOf(['某某乡党委'], '通信地址：丹东市振兴区山上街')).toEqual(['辽宁省', '丹东市', '振兴区']);
    expect(regionOf(['某某乡党委'], '')).toEqual([]);
  });

  it('ignores short and generic county names inside words', () => {
    expect(regionOf(['城区供水公司'], '')).toEqual([]);
    expect(regionOf(['某某县委和县政府'], '')).toEqual([]);
  });
});
