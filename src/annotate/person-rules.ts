/**
 * Rules that find persons the authority does not know, from the way the text introduces them:
 * after an office (`右正言梁適`, `知豐州王餘慶`), as an envoy (`遣X如宋`, `遣X來`, `遣X齎書`), as a
 * speaker (`X言`, `X奏`), as the governor of a prefecture (`以X知慶州`) or as the one appointed
 * (`以X為判官`). A name found so becomes a provisional person (`person:provisional:NAME`) for the
 * whole document. Each rule has a passage of 長編 it must read and one it must not
 * (`person-rules.test.ts`).
 */
import { HAN, LINE_MARK } from "./internal/chars.ts";
import { foldedSet } from "./internal/folded-set.ts";
import { isSurnameStart } from "./internal/surnames.ts";
import { cutNames, listedNames, nameRun } from "./name-lists.ts";
import {
  accept,
  type FoundName,
  isNameChar,
  isNarrativeVerb,
  isOffice,
  LAYOUT_CHARS,
  middleStopNameEnd,
  type PersonRuleFacts,
  readingCharAt,
  readingCharBefore,
  SegmentFacts,
  skipOffices,
  startsCandidate,
  surnameNameEnd,
} from "./person-rule-facts.ts";
import { acceptList, DENG, isFullPerson, knownAt, placesListed } from "./person-rule-lists.ts";
import { officeAfterTranscribed, transcribedNameEnd } from "./person-rule-transcribed.ts";
import { BODY_ENDS } from "./person-rule-words.ts";

export type { FoundName, PersonRuleFacts } from "./person-rule-facts.ts";

/** A named rule that finds names. */
export interface PersonRule {
  name: string;
  description: string;
  find(facts: PersonRuleFacts): FoundName[];
}

/** `知` + a prefecture: `知慶州`, tried at each 知 in turn (`y`: only there). */
const GOVERNS = new RegExp(`知${HAN}{1,2}[州軍府]`, "uy");
/** The characters that end a prefecture's name in `GOVERNS`. */
const PREFECTURE_ENDS = foldedSet("州軍府");

/** Adverbs between a speaker and the verb of speaking (`韓琦亦言`). */
const SPEECH_ADVERBS = foldedSet("亦又復上深因再嘗皆");
/** The verbs of speaking. */
const YAN = "言";
const ZOU = "奏";
const YUE = "曰";
/**
 * After an envoy's name: to go, come or reach, or to carry what he is sent with (`遣X齎嫚書`,
 * `遣X持書`); not 奉, which also ends a word before it (`遣親屬進奉`).
 */
const ENVOY_VERBS = foldedSet("如來至詣往赴入使齎持");
const ENVOY = "遣";
/** Words of kinship before an envoy's name: younger brother, son, nephew. */
const KIN = foldedSet("弟子姪");
const GOVERN = "知";
/** 以 … 為: the form of an appointment. */
const BY = "以";
const AS = foldedSet("為爲");
/** Before an office: jointly, acting, concurrently (`同廵檢`, `權知`, `兼侍讀`). */
const OFFICE_PREFIXES = foldedSet("同權兼");
const QI = "其".charCodeAt(0);
/**
 * The surnames a name listed before another may open with: common surnames that the prose seldom
 * writes as the first character of a word (not 史, 左, 路, 方, 常, 房, 錢, 馬, 易: `史館`, `左丞`,
 * `路提舉`, `方推官`, `常少卿`, `房公事`); and the characters that end no such name (`王加恩`,
 * `孫弟姪`, `陳王`, `王友`, `魏鄭公`, `何措置`, `蘇人訴`, `曹侍郎`, `何宰臣`).
 */
const LISTED_SURNAMES = foldedSet(
  "王李張劉陳楊趙周吳徐孫胡朱郭何梁宋鄭韓馮董蕭程曹袁鄧傅沈彭呂吕蘇盧蔣蔡賈魏薛閻潘杜范姚郝崔竇霍畢折种種狄龎龐富滕尹晁",
);
const LISTED_ENDS = foldedSet("恩依姪弟子孫公王發把疑等各並皆同置訴郎罷臣友");

/** After names listed together: a word of acting together (`各言`, `等`, `並為`). */
const TOGETHER = foldedSet("各等並皆同");

/** The fewest names such a body is read in, none of them known. */
const MIN_BODY = 3;

/** 充, to serve as: `以X Y充賀宋生辰使副`. */
const SERVE = "充".charCodeAt(0);

/** `言`, a verb of speaking that may also end a name. */
const NAME_FINAL_SPEECH = YAN.charCodeAt(0);

/** True when an envoy's verb stands at `i`, or after `等` there. */
function envoyVerbAt(text: string, i: number): boolean {
  const at = text.charCodeAt(i) === DENG ? readingCharAt(text, i + 1) : i;
  return at < text.length && ENVOY_VERBS[text.charCodeAt(at)] === 1;
}

/** 使, an envoy: `遣使蕭德崇來`. */
const ENVOY_WORD = "使".charCodeAt(0);

/** Lists of names appointed one after another in one sentence, at most. */
const MAX_APPOINTED_LISTS = 4;
/** The characters an envoy's office after 充 takes at most (`賀宋正旦使副`). */
const ENVOY_OFFICE_REACH = 12;
const ENVOY_OFFICE_END = /使副|副使|使/uy;

/**
 * Where the text goes on after an envoy's office that starts at `start` (`賀宋生辰使副`, ending in
 * 使, 副使 or 使副 within twelve characters), or -1 when none does.
 */
function afterEnvoyOffice(text: string, start: number): number {
  const stop = Math.min(text.length, start + ENVOY_OFFICE_REACH);
  for (let i = start + 1; i < stop; i++) {
    ENVOY_OFFICE_END.lastIndex = i;
    if (ENVOY_OFFICE_END.exec(text)) {
      // The longest ending: `使副` over `使`.
      ENVOY_OFFICE_END.lastIndex = i;
      return readingCharAt(text, i + ENVOY_OFFICE_END.exec(text)![0].length);
    }
  }
  return -1;
}

/** 事 closing an office held in charge of (`知伊勒希巴事`, `同知北院樞密使事`). */
const SHI = "事".charCodeAt(0);

/**
 * Where a name may begin after an office candidate: its end, or past 事 where the office is one
 * held in charge of, 知 before it (`同知北院樞宻使事知伊勒希巴事耶律信先` in 遼史 本紀).
 */
function pastOffice(text: string, office: { start: number; end: number }): number {
  const at = readingCharAt(text, office.end);
  if (text.charCodeAt(at) !== SHI) return office.end;
  const before = readingCharBefore(text, office.start);
  return before >= 0 && text[before] === GOVERN ? at + 1 : office.end;
}

/** The most characters between 知 and the 事 that closes an office held in charge of (`知元帥府事`). */
const IN_CHARGE_MAX = 6;

/** True when the 事 at `at` closes 知 and up to six characters of Chinese text (`同知元帥府事`). */
function inCharge(text: string, at: number): boolean {
  for (let k = at - 2; k >= 0 && k >= at - 1 - IN_CHARGE_MAX; k--) {
    const code = text.charCodeAt(k);
    if (text[k] === GOVERN) return true;
    if (code < 0x3400) return false;
  }
  return false;
}

/** A person rule that adds what it finds to a list. */
interface Rule {
  name: string;
  description: string;
  collect(facts: SegmentFacts, out: FoundName[]): void;
}

/** The person rules, in order of precedence. */
const RULES: readonly Rule[] = [
  {
    name: "office-name",
    description:
      "a Han-style name (surname + one or two characters) right after an office or title: 右正言梁適; a given name may open with 執, 及, 奉, 之 or 同 before a verb of speaking or appointment (同知樞密院事陳執中言), or be 將, 授, 及 or 復 before a verb of speaking, 為, 等 or an office (知秦州李及言)",
    collect(facts, out) {
      const { text } = facts.segment;
      const { candidates } = facts;
      // Each offset where an office ends is read once: what follows it is the same for each.
      const read = new Set<number>();
      for (let k = 0; k < candidates.length; k++) {
        const after = pastOffice(text, candidates[k]!);
        // A name needs a surname right after the office, or another office there to skip.
        if (after >= text.length) continue;
        if (
          !isSurnameStart(text.charCodeAt(readingCharAt(text, after))) &&
          !startsCandidate(candidates, k, after)
        )
          continue;
        if (!isOffice(candidates[k]!) || read.has(after)) continue;
        read.add(after);
        const start = readingCharAt(text, skipOffices(facts, after));
        let nameEnd = surnameNameEnd(text, start, facts);
        // A given name that opens with a stop character (陳執中), before a verb that closes it.
        if (nameEnd === -1) nameEnd = middleStopNameEnd(text, start, facts);
        if (nameEnd !== -1) accept(facts, start, nameEnd, "office-name", out);
      }
    },
  },
  {
    name: "office-transliterated",
    description:
      "a name of two to five characters written in the transcriptions the 四庫 texts give Khitan, Jurchen and Tangut names (鄂羅木, 通特古斯, 瑪尼策多克), right after an office or title, or after 知…事 of an office the records do not hold: 詳衮鄂羅木, 凖布大王通特古斯, 同知元帥府事罕巴; every character one those transcriptions use, one at least seldom found in Chinese words (噶, 嚕, 哩, 鄂, 薩, 斯…)",
    collect(facts, out) {
      const { text } = facts.segment;
      const read = new Set<number>();
      for (const c of facts.candidates) {
        if (!isOffice(c) || read.has(c.end)) continue;
        read.add(c.end);
        const start = readingCharAt(text, pastOffice(text, c));
        const end = transcribedNameEnd(text, start, false, facts);
        if (end !== -1) accept(facts, start, end, "office-transliterated", out);
      }
      // After 知…事 of an office the records do not hold (`同知元帥府事罕巴`).
      for (let i = text.indexOf("事"); i !== -1; i = text.indexOf("事", i + 1)) {
        if (!inCharge(text, i)) continue;
        const start = readingCharAt(text, i + 1);
        const end = transcribedNameEnd(text, start, false, facts);
        if (end !== -1) accept(facts, start, end, "office-transliterated", out);
      }
    },
  },
  {
    name: "transliterated-appointed",
    description:
      "a name of two to five characters of those transcriptions, even with none of the seldom-found ones, between 以 (and any offices) or an office and 為 + an office, which may open with a transcribed tribe's or place's name: 以和塔拉為平章事, 女直太師塔雅克為哈斯罕都大王",
    collect(facts, out) {
      const { text } = facts.segment;
      const starts = new Set<number>();
      for (let i = text.indexOf(BY); i !== -1; i = text.indexOf(BY, i + 1))
        starts.add(readingCharAt(text, skipOffices(facts, i + 1)));
      for (const c of facts.candidates) if (isOffice(c)) starts.add(readingCharAt(text, pastOffice(text, c)));
      for (const start of starts) {
        const end = transcribedNameEnd(text, start, true);
        if (end === -1) continue;
        const as = readingCharAt(text, end);
        if (AS[text.charCodeAt(as)] !== 1 || !officeAfterTranscribed(facts, as + 1)) continue;
        accept(facts, start, end, "transliterated-appointed", out);
      }
    },
  },
  {
    name: "envoy",
    description:
      "the name between 遣 (and any offices, or 使 before a surname) and 如, 來, 至, 詣, 往, 赴, or 齎, 持 (what he carries): 遣X如宋, 遣X等來, 遣X齎書, 遣使蕭德崇來, or after 使 a name in the transcriptions of the 四庫 texts (遣使濟古爾來修貢); a name may end in 言 before them (遣賀九言至)",
    collect(facts, out) {
      const { text } = facts.segment;
      for (let i = text.indexOf(ENVOY); i !== -1; i = text.indexOf(ENVOY, i + 1)) {
        let start = i + 1;
        if (text.charCodeAt(start) === QI) start++;
        start = skipOffices(facts, start);
        // A kinsman sent (`遣弟繼瑗`, `遣子德明`): the name after the word of kinship; an envoy
        // (`遣使蕭德崇來`): the name after 使, when a surname or a transcribed name follows it.
        if (KIN[text.charCodeAt(start)] === 1 && isNameChar(text, start + 2)) start++;
        else if (
          text.charCodeAt(start) === ENVOY_WORD &&
          (isSurnameStart(text.charCodeAt(start + 1)) || transcribedNameEnd(text, start + 1) !== -1)
        )
          start++;
        // The name is read across a printed line (`遣吳¶\n宗等來賀`): `end` is where it ends,
        // `next` the reading character after it, `n` its characters.
        let end = start;
        let next = start;
        let n = 0;
        while (n < 4 && isNameChar(text, next)) {
          end = next + 1;
          next = readingCharAt(text, end);
          n++;
        }
        // 言 stops a speaker's name (`孫甫言`) but may end an envoy's (`遣賀九言至`).
        if (n > 0 && n < 4 && text.charCodeAt(next) === NAME_FINAL_SPEECH) {
          const after = readingCharAt(text, next + 1);
          if (envoyVerbAt(text, after)) {
            end = next + 1;
            next = after;
            n++;
          }
        }
        // Four characters that cut into two surnamed names are two envoys (`遣李臨安鼎齎`: the rule
        // of lists reads them).
        if (n === 4 && cutNames(text.slice(start, end).replace(LAYOUT_CHARS, ""), new Map()) !== null)
          continue;
        if (n === 0 || !envoyVerbAt(text, next)) continue;
        // A name read across a printed line opens with a surname or a transcription: the words
        // for men sent (`遣官¶\n分詣`, `遣人興葺`) are none.
        if (
          text.slice(start, next).includes(LINE_MARK) &&
          !isSurnameStart(text.charCodeAt(start)) &&
          transcribedNameEnd(text, start) === -1
        )
          continue;
        accept(facts, start, end, "envoy", out);
      }
    },
  },
  {
    name: "speech",
    description:
      "a Han-style name at the start of a clause or after an office, before 言, 奏 or 曰: 孫甫言, 諫官蔡襄言",
    collect(facts, out) {
      const { text } = facts.segment;
      // The verbs after the first character, in text order: the next 言, 奏 and 曰, each found
      // by `indexOf` (much cheaper than reading every character).
      let yan = text.indexOf(YAN, 1);
      let zou = text.indexOf(ZOU, 1);
      let yue = text.indexOf(YUE, 1);
      for (;;) {
        let v = yan;
        if (zou !== -1 && (v === -1 || zou < v)) v = zou;
        if (yue !== -1 && (v === -1 || yue < v)) v = yue;
        if (v === -1) break;
        if (v === yan) yan = text.indexOf(YAN, v + 1);
        else if (v === zou) zou = text.indexOf(ZOU, v + 1);
        else yue = text.indexOf(YUE, v + 1);
        let end = v;
        if (SPEECH_ADVERBS[text.charCodeAt(end - 1)] === 1) end--;
        let start = end;
        while (start > 0 && end - start < 3 && isNameChar(text, start - 1) && !facts.endsOffice(start))
          start--;
        if (start > 0 && isNameChar(text, start - 1) && !facts.endsOffice(start)) continue;
        // A name character across a printed line break: the name begins on the line before.
        if (start > 0 && !facts.endsOffice(start) && isNameChar(text, readingCharBefore(text, start)))
          continue;
        if (surnameNameEnd(text, start) === end) accept(facts, start, end, "speech", out);
      }
    },
  },
  {
    name: "governs",
    description: "a Han-style name before 知 + a prefecture (州, 軍 or 府): 以X知慶州",
    collect(facts, out) {
      const { text } = facts.segment;
      let i = text.indexOf(GOVERN);
      while (i !== -1) {
        // The prefecture's last character stands two to five code units after 知.
        let near = false;
        for (let k = i + 2; k <= i + 5 && k < text.length; k++)
          if (PREFECTURE_ENDS[text.charCodeAt(k)] === 1) near = true;
        GOVERNS.lastIndex = i;
        if (!near || !GOVERNS.test(text)) {
          i = text.indexOf(GOVERN, i + 1);
          continue;
        }
        // The name ends at 知: three characters or two.
        for (let length = 3; length >= 2; length--) {
          const start = i - length;
          if (start < 0 || surnameNameEnd(text, start) !== i) continue;
          accept(facts, start, i, "governs", out);
          break;
        }
        i = text.indexOf(GOVERN, GOVERNS.lastIndex);
      }
    },
  },
  {
    name: "appointed",
    description:
      "a Han-style name between 以 (and any offices) and 為 + an office: 以X為防禦使, the form of an appointment",
    collect(facts, out) {
      const { text } = facts.segment;
      for (let i = text.indexOf(BY); i !== -1; i = text.indexOf(BY, i + 1)) {
        const start = readingCharAt(text, skipOffices(facts, i + 1));
        if (!isSurnameStart(text.charCodeAt(start))) continue;
        const end = surnameNameEnd(text, start, facts);
        if (end === -1 || !AS[text.charCodeAt(end)] || !facts.startsOffice(end + 1)) continue;
        accept(facts, start, end, "appointed", out);
      }
    },
  },
  {
    name: "listed",
    description:
      "names listed with nothing between them, after 遣 (and any offices) and before an envoy's verb (宋遣梁適張從一富弼趙日定來賀), or after 以 and before 充 or 為 + an office (以蕭寧耶律坦劉六符充賀宋生辰使副), and after such an envoy's office up to the next 充 (…充賀宋生辰使副耶律庶成趙成耶律烈張旦充來歲賀宋正旦使副), or from a known person's name up to 等 or a word of acting together (劉平石元孫傅偃劉發石遜等), cut into surnamed names by the most common surnames (張沔侯宗亮: 張沔 and 侯宗亮), none ending as an office, a place or goods do",
    collect(facts, out) {
      const { text } = facts.segment;
      const { candidates } = facts;
      const envoys = (offsets: readonly number[], after: number) =>
        envoyVerbAt(text, after) ? offsets.length : -1;
      for (let i = text.indexOf(ENVOY); i !== -1; i = text.indexOf(ENVOY, i + 1)) {
        let start = i + 1;
        if (text.charCodeAt(start) === QI) start++;
        acceptList(
          facts,
          listedNames(text, skipOffices(facts, start), candidates, isFullPerson, envoys),
          out,
        );
      }
      const appointed = (offsets: readonly number[], after: number) => {
        const serve = offsets.findIndex((o) => text.charCodeAt(o) === SERVE);
        if (serve !== -1) return serve;
        if (AS[text.charCodeAt(after)] !== 1) return -1;
        // The office may open with 同, 權 or 兼 (`為同廵檢`: jointly, acting, concurrently).
        const office = OFFICE_PREFIXES[text.charCodeAt(after + 1)] === 1 ? after + 2 : after + 1;
        return facts.startsOffice(after + 1) || facts.startsOffice(office) ? offsets.length : -1;
      };
      // Names listed from a known person's up to 等 or a word of acting together: `劉平石元孫傅偃劉發石遜等`.
      const together = (offsets: readonly number[], after: number) =>
        TOGETHER[text.charCodeAt(after)] === 1 && !placesListed(text, after) ? offsets.length : -1;
      let listedTo = -1;
      for (const c of candidates) {
        if (c.start < listedTo || !isFullPerson(c)) continue;
        // Only a run of names up to 等 or the like is read further.
        const run = nameRun(text, c.start);
        if (together(run.offsets, run.end) === -1) continue;
        const names = listedNames(text, c.start, candidates, isFullPerson, together);
        if (names.length === 0 || names[0]!.start !== c.start) continue;
        // More than two names are cut right only where a second known name holds the cut
        // (`石元孫傅偃` is 石元孫 and 傅偃 only when 石元孫 is known; 孫 is the commoner surname).
        if (names.length > 2 && names.filter((n) => knownAt(candidates, n)).length < 2) continue;
        acceptList(facts, names, out);
        listedTo = names.at(-1)!.end;
      }
      // `以A B C輩主謀議`: three names or more after 以 up to 等 or 輩, none known, cut one way only.
      // 輩 stands in names too, so the run goes on past it: the list ends at the first.
      const body = (offsets: readonly number[], after: number) => {
        const end = offsets.findIndex((o) => BODY_ENDS[text.charCodeAt(o)] === 1);
        if (end !== -1) return placesListed(text, offsets[end]!) ? -1 : end;
        return BODY_ENDS[text.charCodeAt(after)] === 1 && !placesListed(text, after) ? offsets.length : -1;
      };
      for (let i = text.indexOf(BY); i !== -1; i = text.indexOf(BY, i + 1)) {
        const names = listedNames(text, skipOffices(facts, i + 1), candidates, isFullPerson, body);
        if (names.length >= MIN_BODY) acceptList(facts, names, out);
      }
      // `以A B充X使副C D充Y使副`: the names after each envoy's office up to the next 充 are
      // appointed too.
      const appointedAgain = (offsets: readonly number[]) =>
        offsets.findIndex((o) => text.charCodeAt(o) === SERVE);
      for (let i = text.indexOf(BY); i !== -1; i = text.indexOf(BY, i + 1)) {
        let names = listedNames(text, skipOffices(facts, i + 1), candidates, isFullPerson, appointed);
        for (let round = 0; names.length > 0 && round < MAX_APPOINTED_LISTS; round++) {
          acceptList(facts, names, out);
          const serve = readingCharAt(text, names.at(-1)!.end);
          if (text.charCodeAt(serve) !== SERVE) break;
          const next = afterEnvoyOffice(text, serve + 1);
          if (next === -1) break;
          names = listedNames(text, next, candidates, isFullPerson, appointedAgain);
        }
      }
    },
  },
  {
    name: "listed-with",
    description:
      "a Han-style name right before a known person's full name, the two before a word of acting together (各, 等, 並, 皆, 同): 本朝何亮劉平各言西事; or right after one, before that word or a verb of narrative: 程戡王素孫長卿諭安諸族",
    collect(facts, out) {
      const { text } = facts.segment;
      for (const c of facts.candidates) {
        if (!isFullPerson(c)) continue;
        // After the known name, the last of the list, before a verb they share: `程戡王素孫長卿諭安諸族`.
        const after = readingCharAt(text, c.end);
        if (LISTED_SURNAMES[text.charCodeAt(after)] === 1 && !facts.startsWord(after)) {
          const end = surnameNameEnd(text, after, facts);
          const next = end === -1 ? -1 : text.charCodeAt(readingCharAt(text, end));
          if (
            end !== -1 &&
            LISTED_ENDS[text.charCodeAt(readingCharBefore(text, end))] !== 1 &&
            (TOGETHER[next] === 1 || isNarrativeVerb(next))
          )
            accept(facts, after, end, "listed-with", out);
        }
        // Before the known name, who acts with it: `何亮劉平各言`.
        if (TOGETHER[text.charCodeAt(readingCharAt(text, c.end))] === 1)
          for (let length = 3; length >= 2; length--) {
            const start = c.start - length;
            if (start < 0 || surnameNameEnd(text, start, facts) !== c.start) continue;
            if (LISTED_SURNAMES[text.charCodeAt(start)] !== 1) break;
            if (LISTED_ENDS[text.charCodeAt(readingCharBefore(text, c.start))] === 1) break;
            accept(facts, start, c.start, "listed-with", out);
            break;
          }
      }
    },
  },
  {
    name: "prefect-name",
    description: "a Han-style name right after 知 + a prefecture the records may not hold: 知豐州王餘慶",
    collect(facts, out) {
      const { text } = facts.segment;
      for (let i = text.indexOf(GOVERN); i !== -1; i = text.indexOf(GOVERN, i + 1)) {
        GOVERNS.lastIndex = i;
        if (!GOVERNS.test(text)) continue;
        const start = readingCharAt(text, GOVERNS.lastIndex);
        const end = surnameNameEnd(text, start, facts);
        if (end !== -1) accept(facts, start, end, "prefect-name", out);
      }
    },
  },
];

/** The person rules, each with its name. */
export const PERSON_RULES: readonly PersonRule[] = RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  find(facts: PersonRuleFacts) {
    const out: FoundName[] = [];
    rule.collect(new SegmentFacts(facts), out);
    return out;
  },
}));

/** Drops the names from `from` on whose range a name before them already has; `ranges` holds the ranges of those before. */
function dropRepeats(out: FoundName[], from: number, ranges: Set<string>): void {
  let kept = from;
  for (let k = from; k < out.length; k++) {
    const name = out[k]!;
    const range = `${name.start},${name.end}`;
    if (ranges.has(range)) continue;
    ranges.add(range);
    out[kept++] = name;
  }
  if (kept < out.length) out.length = kept;
}

/** The names of `out` that lie inside another (none has the range of another). */
function insideAnother(out: readonly FoundName[]): Set<FoundName> {
  // By start, the longest first: a name lies inside another exactly when one before it reaches as far.
  const sorted = [...out].sort((a, b) => a.start - b.start || b.end - a.end);
  const inside = new Set<FoundName>();
  let reach = Number.NEGATIVE_INFINITY;
  for (const name of sorted) {
    if (reach >= name.end) inside.add(name);
    reach = Math.max(reach, name.end);
  }
  return inside;
}

/**
 * Runs every person rule over a segment.
 *
 * @returns names the dictionary does not know, each with the first rule that found it, none
 *   inside another
 * @example
 * findNewPersons({ segment, candidates }) // segment.text "元昊再遣賀九言至"
 * //=> [{ start: 4, end: 7, name: "賀九言", rule: "envoy" }]
 */
export function findNewPersons(facts: PersonRuleFacts): FoundName[] {
  const out: FoundName[] = [];
  const indexed = new SegmentFacts(facts);
  const ranges = new Set<string>();
  for (const rule of RULES) {
    const from = out.length;
    rule.collect(indexed, out);
    dropRepeats(out, from, ranges);
  }
  if (out.length < 2) return out;
  // A name inside a longer one found at the same place (`賀九` of `遣賀九言至`) is no name.
  const inside = insideAnother(out);
  return out.filter((a) => !inside.has(a)).sort((a, b) => a.start - b.start);
}
