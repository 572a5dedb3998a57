/** A store with the sample chronicle (document 1) and the small synthetic one (document 2). */
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { documentInput, SAMPLE, SYNTHETIC } from "../store/fixtures.ts";

export async function sampleStore(path = ":memory:"): Promise<SqliteStore> {
  const store = openSqliteStore(path);
  await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
  await store.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
  return store;
}

/**
 * Requests whose parameters are wrong, with the status each must get: never a 500. Each is a
 * raw request target, sent as is.
 */
export const BAD_REQUESTS: [target: string, status: number, what: RegExp][] = [
  ["/api/entries/xx", 400, /Invalid parameter: id/],
  ["/api/entries/0:e1", 400, /Invalid parameter: id/],
  ["/api/entries/1:e1:e2", 400, /Invalid parameter: id/],
  ["/api/entries/1:e999", 404, /There is no entry 1:e999/],
  ["/api/entries/99:e1", 404, /There is no entry 99:e1/],
  ["/api/documents/abc", 400, /Invalid parameter: id/],
  ["/api/documents/-1", 400, /Invalid parameter: id/],
  ["/api/documents/99999999999999999999", 400, /Invalid parameter: id/],
  ["/api/documents/999", 404, /There is no document 999/],
  ["/api/documents/999/text", 404, /There is no document 999/],
  ["/api/documents/999/date-problems", 404, /There is no document 999/],
  ["/api/documents/0/date-problems", 400, /Invalid parameter: id/],
  ["/api/documents/x1/date-problems", 400, /Invalid parameter: id/],
  ["/api/documents/1/text?start=50&end=10", 400, /start \(50\) is after end \(10\)/],
  ["/api/documents/1/text?start=-1", 400, /Invalid parameter: start/],
  ["/api/entries?limit=-1", 400, /Invalid parameter: limit/],
  ["/api/entries?limit=101", 400, /Invalid parameter: limit/],
  ["/api/entries?limit=abc", 400, /Invalid parameter: limit/],
  ["/api/entries?limit=", 400, /Invalid parameter: limit/],
  ["/api/entries?limit=1&limit=2", 400, /Invalid parameter: limit/],
  ["/api/entries?offset=-5", 400, /Invalid parameter: offset/],
  ["/api/entries?offset=1.5", 400, /Invalid parameter: offset/],
  ["/api/entries?offset=1e3", 400, /Invalid parameter: offset/],
  ["/api/entries?month=13", 400, /Invalid parameter: month/],
  ["/api/entries?month=0&year=0", 400, /Invalid parameter: year, month/],
  ["/api/entries?leap=maybe", 400, /Invalid parameter: leap/],
  ["/api/entries?era=", 400, /Invalid parameter: era/],
  [`/api/entries?work=${"%E9%95%B7".repeat(101)}`, 400, /Invalid parameter: work/],
  ["/api/search", 400, /Invalid parameter: q/],
  ["/api/search?q=", 400, /Invalid parameter: q/],
  ["/api/search?q=%20%E3%80%80", 400, /Cannot search for an empty query/],
  [`/api/search?q=${"%E4%B9%8B".repeat(201)}`, 400, /Invalid parameter: q/],
  [`/api/search?q=${"a".repeat(201)}`, 400, /Invalid parameter: q/],
  [
    `/api/search?q=${"%E4%B9%8B".repeat(10_000)}`,
    414,
    /The URL is 90014 characters long; the API reads 8192 at most/,
  ],
  [`/api/entries/${"1".repeat(9000)}`, 414, /The URL is 9013 characters long/],
  ["/api/search?q=%00", 400, /the parameter "q" contains a NUL character/],
  ["/api/search?q=%E5%85%83&era=%E6%85%B6%00", 400, /the parameter "era" contains a NUL character/],
  ["/api/sources/%00", 400, /the path contains a NUL character/],
  ["/api/search?q=%E5%85%83&%00=1", 400, /contains a NUL character/],
  ["/api/search?q=%E0%A4%A", 400, /malformed percent-encoding/],
  ["/api/search?q=%ED%A0%80", 400, /malformed percent-encoding or is not UTF-8/],
  ["/api/search?q=%FF%FE", 400, /not UTF-8/],
  ["/api/search?q=%", 400, /malformed percent-encoding/],
  ["/api/search?%E0=1&q=%E5%85%83", 400, /a parameter name/],
  ["/api/search?q=%E5%85%83&limit=1000", 400, /Invalid parameter: limit/],
  ["/api/sources/%E9%81", 400, /the path has malformed percent-encoding/],
  ["/api/sources/%E7%84%A1%E6%AD%A4%E6%9B%B8", 404, /There is no cited work 無此書/],
  ["/api/nothing", 404, /There is nothing at \/api\/nothing/],
  ["/api/entries/1:e1/more", 404, /There is nothing at/],
  ["/api/charts/events?from=1044&to=1043", 400, /to must be between from and from \+ 299/],
  ["/api/charts/events?from=700&to=1100", 400, /to must be between from and from \+ 299/],
  ["/api/charts/events?group=year", 400, /Invalid parameter: group/],
  ["/api/charts/events/entries", 400, /Invalid parameter: jdn/],
  ["/api/charts/events/entries?jdn=abc", 400, /Invalid parameter: jdn/],
  ["/api/charts/events/entries?jdn=1", 404, /There is no calendar month containing day 1/],
  ["/api/charts/ledger?from=1044&to=1043", 400, /to must not be before from/],
  ["/api/export", 400, /Invalid parameter: format/],
  ["/api/export?format=pdf&document=1", 400, /Invalid parameter: format/],
  ["/api/export?format=csv&table=people&document=1", 400, /Invalid parameter: table/],
  ["/api/export?format=tei", 400, /Choose what to export/],
  ["/api/export?format=tei&document=999", 404, /The selection holds no entry to export/],
  ["/api/find?q=%E5%85%83&sort=score", 400, /Invalid parameter: sort/],
  ["/api/find?sort=", 400, /Invalid parameter: sort/],
  ["/api/goto", 400, /Invalid parameter: date/],
  [`/api/goto?date=${"%E5%85%83".repeat(41)}`, 400, /Invalid parameter: date/],
  ["/api/goto?date=%E7%84%A1%E6%AD%A4%E5%9B%9B%E5%B9%B4", 400, /Unknown era/], // 無此四年
  ["/api/goto?date=%E6%85%B6%E6%9B%86%E4%B9%9D%E5%B9%B4", 400, /Cannot go to "慶曆九年"/],
  ["/api/goto?date=%E6%85%B6%E6%9B%86%E5%9B%9B%E5%B9%B4%E9%96%8F%E4%BA%8C%E6%9C%88", 400, /Cannot go to/], // 慶曆四年閏二月
  ["/api/goto?date=hello", 400, /Cannot go to "hello"/],
  ["/api/goto?date=%E6%85%B6%E6%9B%86%E5%9B%9B%E5%B9%B4&document=0", 400, /Invalid parameter: document/],
  ["/api/goto?date=%E6%85%B6%E6%9B%86%E5%9B%9B%E5%B9%B4&document=1&work=x", 400, /either document or work/],
  ["/api/goto?date=%E6%85%B6%E6%9B%86%E5%9B%9B%E5%B9%B4&work=%E7%84%A1", 404, /There is no stored work 無/],
  ["/api/toc?document=abc", 400, /Invalid parameter: document/],
  ["/api/toc?document=99", 404, /There is no document 99/],
  ["/api/toc?work=", 400, /Invalid parameter: work/],
  ["/api/corrections?document=abc", 400, /Invalid parameter: document/],
  ["/api/corrections?entry=e12", 400, /Invalid parameter: entry/],
  ["/api/corrections?all=maybe", 400, /Invalid parameter: all/],
  ["/api/corrections/1/undo", 404, /There is nothing at \/api\/corrections\/1\/undo/],
];
