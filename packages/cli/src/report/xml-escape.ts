// Characters XML 1.0 does not allow at all (C0 controls but tab, newline and return; lone surrogates; U+FFFE/F).
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text safe inside an XML element or a double-quoted attribute: markup characters escaped (so `]]>` cannot end
 * anything) and characters XML cannot hold at all replaced with U+FFFD.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(notXmlCharacter, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
