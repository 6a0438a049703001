import type { Platform } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/people.js';

/** Demo people: the owner has no PIN (the demo opens straight into the queue); staff have PINs (README lists them). */
export const DEMO_OPERATORS: [string, Role, string | null][] = [
  ['周老板', 'owner', null],
  ['王芳', 'reviewer', '1234'],
  ['李强', 'packer', '2468'],
  ['陈静', 'packer', '1357'],
  ['赵敏', 'after_sales', '8642'],
];

/** Demo shops: one seller's presence on several platforms. */
export const DEMO_SHOPS: { platform: Platform; name: string; currency: string; weight: number }[] = [
  { platform: 'taobao', name: '云杉家居旗舰店', currency: 'CNY', weight: 26 },
  { platform: 'douyin', name: '云杉家居抖音小店', currency: 'CNY', weight: 22 },
  { platform: 'pinduoduo', name: '云杉生活馆', currency: 'CNY', weight: 18 },
  { platform: 'jd', name: '云杉家居京东自营旗舰店', currency: 'CNY', weight: 8 },
  { platform: 'kuaishou', name: '云杉好物快手店', currency: 'CNY', weight: 6 },
  { platform: 'amazon', name: 'Spruce Home US', currency: 'USD', weight: 8 },
  { platform: 'shopify', name: 'Spruce Home Store', currency: 'USD', weight: 6 },
  { platform: 'woocommerce', name: 'Spruce Home EU', currency: 'EUR', weight: 4 },
  { platform: 'manual', name: '微信/电话订单', currency: 'CNY', weight: 2 },
];

/** [code, Chinese name, English name, price in CNY fen, weight in grams] */
export const DEMO_SKUS: [string, string, string, number, number][] = [
  ['CUP-500-WH', '真空保温杯 500ml 白色', 'Vacuum bottle 500 ml white', 8900, 320],
  ['CUP-500-BK', '真空保温杯 500ml 黑色', 'Vacuum bottle 500 ml black', 8900, 320],
  ['CUP-750-GR', '真空保温杯 750ml 墨绿', 'Vacuum bottle 750 ml green', 10900, 410],
  ['MUG-CER-01', '陶瓷马克杯 350ml', 'Ceramic mug 350 ml', 3900, 380],
  ['TOWEL-BATH-GY', '纯棉浴巾 70x140 灰色', 'Cotton bath towel 70x140 grey', 6900, 520],
  ['TOWEL-FACE-3P', '纯棉毛巾 三条装', 'Cotton face towels, 3-pack', 3990, 300],
  ['PILLOW-MEM-STD', '记忆棉枕头 标准款', 'Memory foam pillow standard', 12900, 1300],
  ['PILLOW-LATEX', '天然乳胶枕', 'Natural latex pillow', 19900, 1500],
  ['SHEET-SET-15', '全棉四件套 1.5m 床', 'Cotton bedding set 150 cm', 29900, 2100],
  ['SHEET-SET-18', '全棉四件套 1.8m 床', 'Cotton bedding set 180 cm', 32900, 2400],
  ['BOX-STOR-L', '收纳箱 大号 带盖', 'Storage box large with lid', 4590, 1100],
  ['BOX-STOR-M', '收纳箱 中号 带盖', 'Storage box medium with lid', 3590, 800],
  ['HANGER-20P', '防滑衣架 20只装', 'Non-slip hangers, 20-pack', 2990, 900],
  ['LAMP-DESK-LED', 'LED 护眼台灯', 'LED desk lamp', 15900, 1200],
  ['DIFF-AROMA', '香薰加湿器 300ml', 'Aroma diffuser 300 ml', 9900, 700],
  ['SLIPPER-M-42', '居家拖鞋 男款 42', 'Home slippers men 42', 2590, 350],
  ['SLIPPER-W-37', '居家拖鞋 女款 37', 'Home slippers women 37', 2590, 300],
  ['MAT-BATH-01', '硅藻泥浴室地垫', 'Diatomite bath mat', 5900, 1600],
  ['KNIFE-SET-5', '不锈钢刀具五件套', 'Stainless knife set, 5 pieces', 25900, 2300],
  ['BOARD-BAMBOO', '竹制砧板 大号', 'Bamboo cutting board large', 6900, 1400],
  ['PAN-WOK-32', '不粘炒锅 32cm', 'Non-stick wok 32 cm', 19900, 2200],
  ['POT-SOUP-24', '不锈钢汤锅 24cm', 'Stainless soup pot 24 cm', 15900, 2600],
  ['CANDLE-SOY-3', '大豆蜡香薰蜡烛 三只装', 'Soy candles, 3-pack', 7900, 900],
  ['RUG-LIVING-L', '客厅地毯 160x230', 'Living room rug 160x230', 39900, 4800],
];

/** Real provinces / cities / districts (a small, correct sample). */
export const CN_REGIONS: [string, string, string[]][] = [
  ['浙江省', '杭州市', ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区']],
  ['浙江省', '宁波市', ['海曙区', '江北区', '鄞州区']],
  ['广东省', '广州市', ['天河区', '越秀区', '海珠区', '白云区']],
  ['广东省', '深圳市', ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区']],
  ['上海市', '上海市', ['浦东新区', '徐汇区', '静安区', '闵行区']],
  ['北京市', '北京市', ['朝阳区', '海淀区', '东城区', '丰台区']],
  ['江苏省', '南京市', ['玄武区', '鼓楼区', '建邺区']],
  ['江苏省', '苏州市', ['姑苏区', '吴中区', '工业园区']],
  ['四川省', '成都市', ['锦江区', '武侯区', '高新区']],
  ['湖北省', '武汉市', ['江汉区', '武昌区', '洪山区']],
  ['山东省', '青岛市', ['市南区', '崂山区', '黄岛区']],
  ['福建省', '厦门市', ['思明区', '湖里区', '集美区']],
  ['河南省', '郑州市', ['金水区', '二七区', '中原区']],
  ['陕西省', '西安市', ['雁塔区', '碑林区', '未央区']],
  ['新疆维吾尔自治区', '乌鲁木齐市', ['天山区', '沙依巴克区']],
];

export const CN_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const CN_GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂英', '晓燕'];
export const CN_STREETS = ['文三路', '中山路', '解放路', '人民路', '建设路', '长江路', '和平里', '科技园路', '滨江大道', '体育西路'];
export const CN_NICK_PARTS = ['小', '大', '阿', '快乐的', '爱吃', 'momo', 'tb', 'sunny', '喵', 'lucky'];

export const US_NAMES = ['Emma Johnson', 'Liam Smith', 'Olivia Brown', 'Noah Davis', 'Ava Wilson', 'Mason Miller', 'Sophia Moore', 'Lucas Taylor'];
export const US_PLACES: [string, string, string][] = [
  ['CA', 'San Jose', '95112'],
  ['NY', 'Brooklyn', '11201'],
  ['TX', 'Austin', '78701'],
  ['WA', 'Seattle', '98101'],
  ['IL', 'Chicago', '60601'],
  ['FL', 'Miami', '33101'],
];
export const EU_NAMES = ['Lena Müller', 'Jonas Schmidt', 'Marie Dubois', 'Luca Rossi', 'Sofia García', 'Daan de Vries'];
export const EU_PLACES: [string, string, string, string][] = [
  ['DE', 'Berlin', 'Berlin', '10115'],
  ['DE', 'Bayern', 'München', '80331'],
  ['FR', 'Île-de-France', 'Paris', '75001'],
  ['IT', 'Lombardia', 'Milano', '20121'],
  ['ES', 'Madrid', 'Madrid', '28001'],
  ['NL', 'Noord-Holland', 'Amsterdam', '1012'],
];

export const BUYER_MESSAGES = ['请尽快发货，谢谢', '送人的，不要放发票', '周末才有人收', '颜色要和图片一样哦', '能不能发顺丰？'];
export const SELLER_MEMOS = ['老客户，送小样', '已电话确认地址', '换货补发', 'VIP 优先'];
export const CARRIERS = [
  { code: 'SF', prefix: 'SF', digits: 12 },
  { code: 'YTO', prefix: 'YT', digits: 13 },
  { code: 'ZTO', prefix: '7', digits: 13 },
  { code: 'JD', prefix: 'JDVA', digits: 11 },
  { code: 'UPS', prefix: '1Z', digits: 16 },
];
