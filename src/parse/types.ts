/**
 * The chronicle syntax tree. Plain JSON (it survives `JSON.parse(JSON.stringify(tree))`), every
 * parsed node with a `type` and a `position` whose `end` is the first character after the node.
 * Offsets count UTF-16 code units from the start of the decoded text (after any byte-order mark);
 * lines and columns are 1-based, columns counted in UTF-16 code units like offsets.
 */

/** One place in the text. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A range of the text: `start` inclusive, `end` exclusive. */
export interface Position {
  start: Point;
  end: Point;
}

/**
 * What later stages attach to a node (dates, mentions, events). Other modules extend it by
 * declaration merging: `declare module "../parse/types.ts" { interface NodeData { date?: … } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by later stages through declaration merging
export interface NodeData {}

interface NodeBase {
  position: Position;
  data?: NodeData;
}

/** A whole chronicle. */
export interface Root extends NodeBase {
  type: "root";
  children: Year[];
  /** Problems found in the text; parsing reports them and goes on. */
  messages: Message[];
  /** What kind of file it was, and what its header says. */
  meta: ChronicleMeta;
}

/** The file's format and header. */
export interface ChronicleMeta {
  /** `plain` for a punctuated 綱目 chronicle, `kanripo` for a Kanseki Repository file. */
  format: "plain" | "kanripo";
  /** Header properties (`#+TITLE`, `#+PROPERTY: JUAN …` in a Kanripo file). */
  properties: Record<string, string>;
  /** The juan the file holds, when its header says. */
  juan: number | null;
  /** Page breaks of the printed edition (`<pb:KR2b0019_WYG_143-1a>`), in text order. */
  pages: PageBreak[];
  /** The work, juan and section the document holds, and the state whose calendar it dates by. */
  document: DocumentInfo;
}

/**
 * What a document is, read from its Kanripo header (`#+TITLE`, `#+PROPERTY: JUAN 卷一百三十九`),
 * its title lines (`遼史卷十九`, `本紀十九`, `興宗二`) or the opening of a plain chronicle.
 * Every field is null where the text does not say.
 */
export interface DocumentInfo {
  /** The work's full title: `續資治通鑑長編`, `宋史`, `西夏紀`. */
  work: string | null;
  /** The name chronicles cite it by, where shorter: `長編`. */
  short: string | null;
  /** The author or compiler: `李燾`, `脫脫`. */
  author: string | null;
  /** The juan number, and the juan as written (`卷一百三十九`). */
  juan: number | null;
  juanLabel: string | null;
  /** The section the juan belongs to: `興宗本紀二`, `夏國傳上`. */
  section: string | null;
  /** The ruler a 本紀 is of (`興宗`), whose eras a year without its era belongs to. */
  ruler: string | null;
  /** The state whose calendar the document dates by: `宋` for 長編 and 宋史, `遼` for 遼史. */
  state: string | null;
  /** The text's id in the Kanseki Repository (`KR2b0019`). */
  textId: string | null;
  /** How the document is named to a reader: `長編 卷一百三十九`, or null to use the file's name. */
  title: string | null;
}

/** A page break marker of the printed edition. */
export interface PageBreak {
  /** The marker's id as written: `KR2b0019_WYG_143-1a`. */
  id: string;
  /** The page number and side: `1a` → page 1, side a. */
  page: number;
  side: string;
  /** Where the page starts in the text (the offset of the marker). */
  offset: number;
}

/** Where an entry stands in the printed edition: juan, page, side and line of its first character. */
export interface Locus {
  juan: number | null;
  page: number;
  side: string;
  /** The printed line on that page (1-based). */
  line: number;
}

/** The tree `parse` returns. */
export type ChronicleTree = Root;

/** A year of the chronicle: its heading and the entries under it. */
export interface Year extends NodeBase {
  type: "year";
  /** `null` for entries before the first heading, or in a file without headings. */
  heading: YearHeading | null;
  children: Entry[];
}

/** A year heading line, e.g. `西夏稱天授禮法延祚六年` or `慶曆三年（癸未，1043）`. */
export interface YearHeading extends NodeBase {
  type: "yearHeading";
  /** The heading as written, without surrounding spaces. */
  label: string;
  /** Whose reckoning the heading uses (`西夏` in `西夏稱…`), when the heading says so. */
  state: string | null;
  /** The reign era as written (`天授禮法延祚`); may include a ruler's title when the heading has one. */
  era: string | null;
  /** The year of the era: 元年 = 1. */
  number: number | null;
  /** A sexagenary year given in parentheses after the heading (`癸未`). */
  ganzhi: string | null;
  /** A Western year given in parentheses after the heading (`1043`). */
  ce: number | null;
}

/** The written date that opens an entry, e.g. `秋七月`, `閏九月`, `八月壬戌`, `是歲`. */
export interface DateNode extends NodeBase {
  type: "date";
  text: string;
  season: Season | null;
  month: number | null;
  leap: boolean;
  /** A day of the month (number) or a sexagenary day (`壬戌`). */
  day: number | string | null;
  /** `是歲`, `是月`, `是春`…: the relative expression, when the date is one. */
  relative: string | null;
}

export type Season = "春" | "夏" | "秋" | "冬";

/** The date an entry falls under: its own, or the last one written before it in the same year. */
export interface EffectiveDate {
  text: string | null;
  season: Season | null;
  month: number | null;
  leap: boolean;
  day: number | string | null;
  relative: string | null;
  /** True when the entry opens with this date, false when it is carried over from an earlier entry. */
  own: boolean;
}

/** One event of the chronicle: headline (綱), details (目) and the citations that close it. */
export interface Entry extends NodeBase {
  type: "entry";
  /** `e1`, `e2`… in text order within the document. */
  id: string;
  date: EffectiveDate;
  /** The date written at the opening of this entry, if any. */
  dateNode: DateNode | null;
  headline: Paragraph;
  details: Paragraph[];
  /** The parenthesis of sources that closes the entry, if any. */
  sources: CitationGroup | null;
  /** Where the entry starts in the printed edition (Kanripo files), or `null`. */
  locus: Locus | null;
}

/** A headline or a detail paragraph, without the entry's date and closing citations. */
export interface Paragraph extends NodeBase {
  type: "headline" | "detail";
  value: string;
  /** Parenthetical notes inside the paragraph. */
  children: Inline[];
}

export type Inline = VariantNote | Gloss;

/** An inline parenthesis that notes another source's reading, e.g. `（《長編》作鄂特結）`. */
export interface VariantNote extends NodeBase {
  type: "variantNote";
  /** The text inside the parentheses. */
  value: string;
  variants: Variant[];
}

/**
 * Any other inline parenthesis: an explanation or quotation, e.g. `（《遼史·國語解》：凡主親征…）`,
 * or a small double-column note of a Kanripo file (`small: true`), whose `value` is its reading
 * text (the two columns joined, across printed lines).
 */
export interface Gloss extends NodeBase {
  type: "gloss";
  value: string;
  small: boolean;
  citations: Citation[];
}

/** A closing parenthesis of sources: the works cited, then any editor's notes. */
export interface CitationGroup extends NodeBase {
  type: "citationGroup";
  /** The text inside the parentheses. */
  value: string;
  citations: Citation[];
  notes: Note[];
}

/** One cited work, section or juan. */
export interface Citation extends NodeBase {
  type: "citation";
  work: string;
  section: string | null;
  juan: number | null;
  author: string | null;
  /** The text of the list item this citation comes from, as written. */
  raw: string;
}

/** An editor's note (`按…`) or a supplementary quotation (`又《長編》：…`) inside a citation. */
export interface Note extends NodeBase {
  type: "note";
  kind: "editorial" | "supplement";
  value: string;
  variants: Variant[];
}

/** A variant reading: another source writes `name` as `variant`. */
export interface Variant extends NodeBase {
  type: "variant";
  /** The reading of the main text (resolved to the full name where the note gives one character). */
  name: string;
  variant: string;
  /** The source that has the variant, as written (`《長編》`, `韓、范《文集》`, `劉敞《俞獻卿墓誌》`). */
  source: string;
  /** The character(s) the note itself names, when it names fewer than the full reading (`勖`). */
  subject: string | null;
  /** Where `name` stands in the main text, when it could be located. */
  namePosition: Position | null;
}

/** A problem in the text, reported with its place; parsing goes on. */
export interface Message {
  reason: string;
  ruleId: string;
  severity: "error" | "warning" | "info";
  place: Position;
}
