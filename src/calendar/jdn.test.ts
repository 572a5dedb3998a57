import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  civilCalendarOf,
  formatIsoDate,
  gregorianToJdn,
  jdnToGregorian,
  jdnToIso,
  jdnToJulian,
  julianToJdn,
  parseIsoParts,
} from "./jdn.ts";
import { lunarJs, solarJdn } from "./test-support/lunar-javascript.ts";

describe("Julian Day Numbers (published reference values)", () => {
  it("the 1582 reform: JDN 2299160 = Julian 1582-10-04, JDN 2299161 = Gregorian 1582-10-15", () => {
    assert.deepEqual(jdnToJulian(2299160), { year: 1582, month: 10, day: 4 });
    assert.deepEqual(jdnToGregorian(2299161), { year: 1582, month: 10, day: 15 });
    assert.equal(julianToJdn({ year: 1582, month: 10, day: 4 }), 2299160);
    assert.equal(gregorianToJdn({ year: 1582, month: 10, day: 15 }), 2299161);
    assert.equal(civilCalendarOf(2299160), "julian");
    assert.equal(civilCalendarOf(2299161), "gregorian");
  });

  it("JDN 2451545 = 2000-01-01 (Gregorian), the J2000 epoch", () => {
    assert.equal(gregorianToJdn({ year: 2000, month: 1, day: 1 }), 2451545);
    assert.equal(jdnToIso(2451545, "gregorian"), "2000-01-01");
  });

  it("JDN 0 = Julian -4712-01-01 = Gregorian -4713-11-24", () => {
    assert.equal(julianToJdn({ year: -4712, month: 1, day: 1 }), 0);
    assert.equal(gregorianToJdn({ year: -4713, month: 11, day: 24 }), 0);
    assert.deepEqual(jdnToJulian(0), { year: -4712, month: 1, day: 1 });
  });

  it("MJD 0 = 1858-11-17 (JDN 2400001); 1 CE Jan 1 = JDN 1721424 (Julian), 1721426 (Gregorian)", () => {
    assert.equal(gregorianToJdn({ year: 1858, month: 11, day: 17 }), 2400001);
    assert.equal(julianToJdn({ year: 1, month: 1, day: 1 }), 1721424);
    assert.equal(gregorianToJdn({ year: 1, month: 1, day: 1 }), 1721426);
  });

  it("Julian leap days every fourth year including 1 BCE (year 0) and 1500; Gregorian skips 1900", () => {
    assert.equal(julianToJdn({ year: 0, month: 3, day: 1 }) - julianToJdn({ year: 0, month: 2, day: 28 }), 2);
    assert.equal(
      julianToJdn({ year: 1500, month: 3, day: 1 }) - julianToJdn({ year: 1500, month: 2, day: 28 }),
      2,
    );
    assert.equal(
      gregorianToJdn({ year: 1900, month: 3, day: 1 }) - gregorianToJdn({ year: 1900, month: 2, day: 28 }),
      1,
    );
  });

  it("ISO dates with astronomical years", () => {
    assert.equal(formatIsoDate({ year: -99, month: 3, day: 1 }), "-0099-03-01");
    assert.equal(formatIsoDate({ year: 0, month: 12, day: 31 }), "0000-12-31");
    assert.equal(formatIsoDate({ year: 960, month: 2, day: 4 }), "0960-02-04");
    assert.deepEqual(parseIsoParts("-0220-10-01"), { year: -220, month: 10, day: 1 });
    assert.deepEqual(parseIsoParts("1043"), { year: 1043, month: null, day: null });
    assert.equal(parseIsoParts("1043/05/20"), null);
  });

  it("agrees with lunar-javascript's Solar dates (Julian before the reform, Gregorian after)", () => {
    const samples: [number, number, number][] = [
      [960, 2, 4],
      [1043, 5, 20],
      [1127, 6, 12],
      [1279, 3, 19],
      [1500, 2, 29],
      [1582, 10, 4],
      [1582, 10, 15],
      [1700, 3, 1],
      [1912, 2, 12],
    ];
    for (const [year, month, day] of samples) {
      const expected = solarJdn(lunarJs.Solar.fromYmd(year, month, day));
      const reform = year > 1582 || (year === 1582 && (month > 10 || (month === 10 && day >= 15)));
      const jdn = reform ? gregorianToJdn({ year, month, day }) : julianToJdn({ year, month, day });
      assert.equal(jdn, expected, `${year}-${month}-${day}`);
    }
  });

  it("round-trips every day from 4713 BCE to 3000 CE in both calendars", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2817152 }), (jdn) => {
        assert.equal(julianToJdn(jdnToJulian(jdn)), jdn);
        assert.equal(gregorianToJdn(jdnToGregorian(jdn)), jdn);
      }),
      { numRuns: 2000 },
    );
  });
});
