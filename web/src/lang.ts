/**
 * Marking the language of text: the interface is English, the chronicles Chinese. A message that
 * mixes both has its Chinese runs marked, so that screen readers and fonts treat each as what it is.
 */
import { h } from "./dom.ts";

/** A run of Chinese: Han characters with the CJK punctuation and full-width forms between them. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf]+/gu;

/**
 * The text with each run of Chinese in a `<span lang="zh-Hant">`.
 *
 * @example
 * markChinese("sources differ: 西夏 天授禮法延祚七年十月").length //=> 4
 */
export function markChinese(text: string): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const match of text.matchAll(CHINESE)) {
    if (match.index > at) out.push(text.slice(at, match.index));
    out.push(h("span", { lang: "zh-Hant" }, match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
