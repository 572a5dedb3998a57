/**
 * Every event rule by its name: one sentence of the bundled texts it must read, with the event's
 * type and roles, and one it must not read (another rule may). Each sentence is read as the only
 * entry of a chronicle of the state named (`西夏` for 西夏紀, `宋` for 長編 and 宋史, `遼` for 遼史,
 * unless a case says otherwise), whose year heading gives the defaults of the roles. Where a
 * sentence comes from: `西夏紀 N` is line N of corpus/xixia-ji-1043-1044.txt; `長編`, `宋史` and
 * `遼史` name the page marker before it in corpus/changbian, corpus/songshi or corpus/liaoshi
 * (a Kanripo file: the sentence as its reading text, without punctuation).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { annotateEntries, EVENT_RULES, loadAuthority } from "../../src/annotate/index.ts";
import type { ChronicleEvent, EventType } from "../../src/annotate/types.ts";
import { dateEntries } from "../../src/date/index.ts";
import { parse } from "../../src/parse/index.ts";

type State = "西夏" | "宋" | "遼";

interface Sentence {
  text: string;
  /** Where the sentence stands (see the module comment). */
  from: string;
  /** The state whose chronicle it is read in (default: from `from`). */
  state?: State;
}

interface RuleCase {
  rule: string;
  /** A sentence the rule reads, and the event it gives: each role as the texts of its values. */
  match: Sentence & { type: EventType; roles: Record<string, string[]> };
  /** A sentence the rule does not read, and why. */
  miss: Sentence & { why: string };
}

const CASES: readonly RuleCase[] = [
  {
    rule: "embassy-come",
    match: {
      text: "春正月，契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和。",
      from: "西夏紀 3",
      type: "embassy",
      roles: { sender: ["契丹"], receiver: ["夏"], envoy: ["耶律敵烈", "王惟吉"], purpose: ["議與宋和"] },
    },
    miss: {
      text: "歐陽修言：「聞朝廷欲以殿中丞任顓館伴元昊所遣來人。",
      from: "西夏紀 18",
      why: "所遣來人 (the men sent) names no envoy between 遣 and 來",
    },
  },
  {
    rule: "embassy-return",
    match: {
      text: "元昊遣使以先被執者歸契丹，契丹亦遣所留夏使還之。",
      from: "西夏紀 63",
      type: "embassy",
      roles: { sender: ["元昊"], receiver: ["契丹"], purpose: ["先被執者"] },
    },
    miss: {
      text: "矧延州昨奏，元昊已遣楊守素將誓文入界，儻不依初約則猶可沮還；",
      from: "西夏紀 52",
      why: "還 stands in another clause than 遣",
    },
  },
  {
    rule: "envoy-to-place",
    match: {
      text: "右正言梁適使延州，與龐籍議所以招懷元昊之禮。",
      from: "西夏紀 9",
      type: "embassy",
      roles: {
        sender: ["宋"],
        envoy: ["梁適"],
        receiver: ["龐籍"],
        place: ["延州"],
        purpose: ["所以招懷元昊之禮"],
      },
    },
    miss: {
      text: "宋以元昊名分未正，使簽書保安軍判官事邵良佐假著作郎與從勖至夏州，更議之。",
      from: "西夏紀 14",
      why: "the sentence does not open with the envoy and 使 before the place",
    },
  },
  {
    rule: "embassy-go",
    match: {
      text: "罷兵即遣使報宋",
      from: "遼史 KR2a0033_WYG_019-5a",
      type: "embassy",
      roles: { sender: ["契丹"], receiver: ["宋"] },
    },
    miss: {
      text: "若候北使至方行，則是以講和之功歸於契丹。",
      from: "西夏紀 74",
      why: "使至 with no state or place after it: an envoy arriving, not one sent",
    },
  },
  {
    rule: "embassy-commission",
    match: {
      text: "朕嘉爾自新，故遣尚書祠部員外郎張子奭充冊禮使，東頭供奉官、閤門祗候張士元充副使，持節冊命爾為夏國主，永為宋藩輔，光膺寵命，可不謹歟！",
      from: "西夏紀 73 (the Song edict, so read in a chronicle of 宋)",
      state: "宋",
      type: "embassy",
      roles: { sender: ["宋"], envoy: ["張子奭", "張士元"], purpose: ["冊命爾為夏國主"] },
    },
    miss: {
      text: "遣太常博士陳充體量宿亳等州災傷",
      from: "長編 KR2b0019_WYG_226-15b",
      why: "充 is part of the name 陳充, not the verb of a commission",
    },
  },
  {
    rule: "embassy-envoy",
    match: {
      text: "九月，宋以契丹主親征夏國，遣餘靖致贐禮。",
      from: "西夏紀 51",
      type: "embassy",
      roles: { sender: ["宋"], envoy: ["餘靖"], purpose: ["致贐禮"] },
    },
    miss: {
      text: "十二月，復遣張延壽等如宋議和。",
      from: "西夏紀 30",
      why: "no verb of the errand follows the envoy: 等如宋 is a journey (embassy-go)",
    },
  },
  {
    rule: "raid-repulsed",
    match: {
      text: "團練使訛疥（《長編》作鄂特結）侵環州，為蘇家族薛乞（《長編》作實吉）所執。",
      from: "西夏紀 25",
      type: "raid",
      roles: {
        attacker: ["訛疥"],
        target: ["環州"],
        defender: ["蘇家族", "薛乞"],
        outcome: ["defeat"],
        captured: ["訛疥"],
      },
    },
    miss: {
      text: "公又言：「子奭嘗諭西界，令盡還前所侵延州地，終未聽從。",
      from: "西夏紀 24",
      why: "所侵 is the land taken, not a raid turned back by someone",
    },
  },
  {
    rule: "invaded-battle",
    match: {
      text: "冬十月，契丹來伐，拒戰於賀蘭山，敗績。",
      from: "西夏紀 55",
      type: "battle",
      roles: {
        attacker: ["契丹"],
        defender: ["夏"],
        place: ["賀蘭山"],
        outcome: ["victory"],
        victor: ["契丹"],
      },
    },
    miss: {
      text: "㑹契丹南大王沙相公來援守正接戰於石嶺闗契丹敗追奔過關北斬首萬餘級",
      from: "長編 KR2b0019_WYG_014-8a (a small note)",
      why: "來援 comes to relieve, not to invade",
    },
  },
  {
    rule: "attack-repulsed",
    match: {
      text: "契丹謀襲夏營，反為夏人所乘，敗還。",
      from: "西夏紀 61",
      type: "battle",
      roles: { attacker: ["契丹"], defender: ["夏"], outcome: ["defeat"], victor: ["夏"] },
    },
    miss: {
      text: "諸路屢探西人㸃集欲襲鎮洮策繖丕勒王安石曰此多是探人反為西人所誤此所謂因間也",
      from: "長編 KR2b0019_WYG_241-25a",
      why: "反為西人所誤: the scouts were misled, no attack was turned back",
    },
  },
  {
    rule: "contest",
    match: {
      text: "契丹城河清軍及金肅州，以兵爭之，不克。",
      from: "西夏紀 32",
      type: "battle",
      roles: { attacker: ["夏"], defender: ["契丹"], target: ["河清軍", "金肅州"], outcome: ["defeat"] },
    },
    miss: {
      text: "背受敵之患不知何以禦之此盖兵法必爭之地也",
      from: "長編 KR2b0019_WYG_160-5b",
      why: "必爭之地 is a place worth contending for; no force is sent",
    },
  },
  {
    rule: "attack",
    match: {
      text: "元昊乘勝攻南壁，契丹師大敗，契丹主從數騎走，幾不得免，元昊命勿追。",
      from: "西夏紀 62",
      type: "battle",
      roles: { attacker: ["元昊"], defender: ["契丹"], outcome: ["victory"], victor: ["夏"] },
    },
    miss: {
      text: "伏願陛下思安危之大計念攻守之良謀",
      from: "長編 KR2b0019_WYG_034-7b",
      why: "攻守 (attack and defence) is a word, with no side attacked",
    },
  },
  {
    rule: "raid-camp",
    match: {
      text: "既而元昊入樞密使蕭孝友寨，執附馬蕭胡睹以去。",
      from: "西夏紀 62",
      type: "raid",
      roles: { attacker: ["元昊"], target: ["蕭孝友"], captured: ["蕭胡睹"] },
    },
    miss: {
      text: "李光叡言率兵入北漢界破保寨斬首七百級擒寨主侯遇",
      from: "長編 KR2b0019_WYG_021-27b",
      why: "入 a state's border; the camp broken is no person's",
    },
  },
  {
    rule: "siege",
    match: {
      text: "圍青澗城，與宣武副都頭劉嶽等戰，不勝。",
      from: "西夏紀 39",
      type: "siege",
      roles: { attacker: ["夏"], target: ["青澗城"] },
    },
    miss: {
      text: "顧惜巢穴望風引退如此則靈武之圍解饟道得通矣",
      from: "長編 KR2b0019_WYG_043-8a",
      why: "之圍 is the siege as a noun, and it is lifted",
    },
  },
  {
    rule: "battle-with",
    match: {
      text: "羅漢努奏所發部兵與党項戰不利",
      from: "遼史 KR2a0033_WYG_019-7a",
      type: "battle",
      roles: { attacker: ["羅漢努"], defender: ["党項"] },
    },
    miss: {
      text: "陛下能棄數萬之衆與之血戰則可矣",
      from: "長編 KR2b0019_WYG_005-36b",
      why: "與之: the other side is not named",
    },
  },
  {
    rule: "raid",
    match: {
      text: "春二月，侵宋青澗川。",
      from: "西夏紀 35",
      type: "raid",
      roles: { attacker: ["夏"], defender: ["宋"], target: ["青澗川"] },
    },
    miss: {
      text: "其後，將帥失撫禦，稍侵奪之。",
      from: "西夏紀 4",
      why: "侵奪之: 侵 before another verb, with no place or state",
    },
  },
  {
    rule: "investiture",
    match: {
      text: "乙未冊命元昊為夏國主更名曩霄",
      from: "長編 KR2b0019_WYG_157-13a",
      type: "investiture",
      roles: { grantor: ["宋"], recipient: ["元昊"], title: ["夏國主"] },
    },
    miss: {
      text: "時宋欲加元昊封冊，而契丹以兵臨西境，遣使言為中國討賊，請止毋和。",
      from: "西夏紀 52",
      why: "封冊 is a noun here, with no title after it",
    },
  },
  {
    rule: "appointment",
    match: {
      text: "甲戌即命陳堯咨知秦州",
      from: "長編 KR2b0019_WYG_101-6a",
      type: "appointment",
      roles: { appointer: ["宋"], person: ["陳堯咨"], office: ["知秦州"], place: ["秦州"] },
    },
    miss: {
      text: "宋帝詔以其言戒邊吏。",
      from: "西夏紀 21",
      why: "以其言: 以 before a thing, not a person",
    },
  },
  {
    rule: "appointment-serve",
    match: {
      text: "會鹽鐵判官任顓為館伴，一切折以義，詞屈而去。",
      from: "西夏紀 18",
      type: "appointment",
      roles: { appointer: ["宋"], person: ["任顓"], office: ["館伴"] },
    },
    miss: {
      text: "宋為主，當逸而反勞，是以元昊屢勝。",
      from: "西夏紀 5",
      why: "為 follows a state, not a person",
    },
  },
  {
    rule: "oath",
    match: {
      text: "遣人如宋上誓表。",
      from: "西夏紀 45",
      type: "oath",
      roles: { parties: ["夏", "宋"] },
    },
    miss: {
      text: "元昊知不可得，遣楊守素、尹與則入請誓詔。",
      from: "西夏紀 64",
      why: "the sentence names one party only",
    },
  },
  {
    rule: "peace",
    match: {
      text: "十一月，與契丹平，契丹主還。",
      from: "西夏紀 65",
      type: "peace",
      roles: { parties: ["夏", "契丹"] },
    },
    miss: {
      text: "西夏本與契丹約，相左右以困中國。",
      from: "西夏紀 44",
      why: "約 without 和 is an alliance, not a peace",
    },
  },
  {
    rule: "gift",
    match: {
      text: "夏四月，宋遣保安軍判官邵良佐、張士元、張子奭、王正倫等來，許冊封為夏國主，歲賜絹十萬匹、茶三萬斤。",
      from: "西夏紀 13",
      type: "gift",
      roles: { giver: ["宋"], receiver: ["夏"], items: ["絹十萬匹、茶三萬斤"], status: ["offered"] },
    },
    miss: {
      text: "元昊伏罪，賜酒許以自新。",
      from: "西夏紀 60",
      why: "no quantity is given",
    },
  },
  {
    rule: "tribute",
    match: {
      text: "三月，獻俘契丹。",
      from: "西夏紀 11",
      type: "tribute",
      roles: { giver: ["夏"], receiver: ["契丹"], items: ["俘"] },
    },
    miss: {
      text: "時宋邊吏多因事邀功，涇原路鈐轄擅於武英州鑿邊壕、置堡寨，陝西轉運使俞獻卿度必招寇患，亟檄罷之。",
      from: "西夏紀 78",
      why: "獻 is part of the name 俞獻卿",
    },
  },
  {
    rule: "construction-convert",
    match: {
      text: "建渭州籠竿城為徳順軍亦用王堯臣議也",
      from: "長編 KR2b0019_WYG_143-8b",
      type: "construction",
      roles: { builder: ["宋"], place: ["籠竿城"], what: ["徳順軍"] },
    },
    miss: {
      text: "約稱臣，奉正朔，改所賜敕書為詔而不名。",
      from: "西夏紀 73",
      why: "改 changes a writ, not a place",
    },
  },
  {
    rule: "construction-at",
    match: {
      text: "時宋邊吏多因事邀功，涇原路鈐轄擅於武英州鑿邊壕、置堡寨，陝西轉運使俞獻卿度必招寇患，亟檄罷之。",
      from: "西夏紀 78",
      type: "construction",
      roles: { builder: ["涇原路鈐轄"], place: ["武英州"], what: ["邊壕、置堡寨"] },
    },
    miss: {
      text: "置榷場於保安軍，歲賜絹十萬匹、茶三萬斤，生日與十月一日賜賚之。",
      from: "西夏紀 14",
      why: "置 comes before 於 and the place",
    },
  },
  {
    rule: "construction",
    match: {
      text: "初，曹瑋開山外地，置籠竿、羊牧隆城、靜邊、得勝四寨，募弓箭手，給田，使耕戰自守。",
      from: "西夏紀 4",
      type: "construction",
      roles: { builder: ["曹瑋"], place: ["籠竿", "羊牧隆城", "靜邊", "得勝"], what: ["四寨"] },
    },
    miss: {
      text: "戩嘗行邊至鎮戎軍，趣蓮花堡，天寒，與將佐置酒。",
      from: "西夏紀 10",
      why: "置酒 sets out wine",
    },
  },
  {
    rule: "defection",
    match: {
      text: "党項等部叛契丹來附。",
      from: "西夏紀 39",
      type: "defection",
      roles: { who: ["党項"], from: ["契丹"], to: ["夏"] },
    },
    miss: {
      text: "契丹軍次河曲，元昊親率叛黨三部詣降。",
      from: "西夏紀 59",
      why: "叛黨 (the rebels) is a noun; the surrender is read by submission",
    },
  },
  {
    rule: "defection-inner",
    match: {
      text: "訛疥怨其兄訛乞內降，擅侵掠環州，蘇家族巡檢、三班奉職薛乞誘執以獻。",
      from: "西夏紀 26",
      type: "defection",
      roles: { who: ["訛乞"], from: ["夏"] },
    },
    miss: {
      text: "保忠，西界蕃部馬山，內附賜名者也。",
      from: "西夏紀 36",
      why: "內附 follows a people, not a person",
    },
  },
  {
    rule: "submission",
    match: {
      text: "元昊請降於契丹，上表謝罪。",
      from: "西夏紀 57",
      type: "submission",
      roles: { who: ["元昊"], to: ["契丹"] },
    },
    miss: {
      text: "訛疥怨其兄訛乞內降，擅侵掠環州，蘇家族巡檢、三班奉職薛乞誘執以獻。",
      from: "西夏紀 26",
      why: "乞 is part of the name 訛乞, and 內降 goes over to the other side",
    },
  },
  {
    rule: "killed",
    match: {
      text: "元昊既殺野利旺榮、遇乞，謀臣已去，始知為種世衡所賣。",
      from: "西夏紀 7",
      type: "death",
      roles: { person: ["野利旺榮", "遇乞"], by: ["元昊"] },
    },
    miss: {
      text: "契丹主第將校功罪，欲誅蕭孝友，以太后救免。",
      from: "西夏紀 66",
      why: "欲誅: an execution meant, not done",
    },
  },
  {
    rule: "death",
    match: {
      text: "校太尉興宗崩道宗即位清寧元年八月遣使報國哀",
      from: "遼史 KR2a0033_WYG_115-5a",
      type: "death",
      roles: { person: ["興宗"] },
    },
    miss: {
      text: "團練使張暉督兵開大散闗路躬撫士卒且役且戰",
      from: "長編 KR2b0019_WYG_009-29a",
      why: "士卒 are soldiers: 卒 does not follow a person",
    },
  },
];

const authority = loadAuthority();
const HEADINGS: Record<State, string> = {
  西夏: "西夏稱天授禮法延祚六年",
  宋: "宋稱慶曆三年",
  遼: "遼稱重熙十二年",
};

function stateOf(sentence: Sentence): State {
  if (sentence.state) return sentence.state;
  if (sentence.from.startsWith("西夏紀")) return "西夏";
  return sentence.from.startsWith("遼史") ? "遼" : "宋";
}

/** The events of a sentence read as the only entry of a chronicle of its state. */
function eventsOf(sentence: Sentence): ChronicleEvent[] {
  const text = `${HEADINGS[stateOf(sentence)]}\n${sentence.text}\n`;
  const tree = annotateEntries(dateEntries(parse(text)), authority, { text });
  const entries = tree.children.flatMap((year) => year.children);
  assert.equal(entries.length, 1, `expected one entry in ${sentence.text}`);
  return entries[0]!.data?.events ?? [];
}

const rolesOf = (event: ChronicleEvent) =>
  Object.fromEntries(Object.entries(event.roles).map(([name, values]) => [name, values.map((v) => v.text)]));

test("every event rule has a case, and every case names a rule", () => {
  assert.deepEqual(
    CASES.map((c) => c.rule),
    EVENT_RULES.map((r) => r.name),
  );
});

for (const { rule, match, miss } of CASES) {
  test(`${rule} reads ${match.text.slice(0, 16)}… and not ${miss.text.slice(0, 16)}…`, () => {
    const found = eventsOf(match).filter((e) => e.rule === rule);
    assert.ok(found.length > 0, `expected an event of ${rule} in ${match.text}`);
    const event = found[0]!;
    assert.equal(event.type, match.type);
    assert.deepEqual(rolesOf(event), match.roles);
    const wrong = eventsOf(miss).filter((e) => e.rule === rule);
    assert.deepEqual(
      wrong.map((e) => e.text),
      [],
      `expected no event of ${rule} in ${miss.text} (${miss.why})`,
    );
  });
}
