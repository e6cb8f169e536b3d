/** An element of {@link parseXml}. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const nameChars = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
const xmlChars = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function decode(text: string, where: string): string {
  if (text.includes('<')) throw new Error(`raw < in ${where}`);
  if (!xmlChars.test(text)) throw new Error(`character not allowed in XML in ${where}: ${JSON.stringify(text)}`);
  return text.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (/^#x[0-9a-fA-F]+$/.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (/^#[0-9]+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    const value = entities[name];
    if (value === undefined) throw new Error(`unknown entity &${name}; in ${where}`);
    return value;
  });
}

/**
 * A strict parser of the XML subset reports use (declaration, elements, attributes, text, no DTD, comments or
 * CDATA): throws on anything that is not well-formed, so a test can assert a report parses.
 */
export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (rest.length > 0) {
    const open = rest.indexOf('<');
    const text = open === -1 ? rest : rest.slice(0, open);
    const parent = stack.at(-1)!;
    parent.text += decode(text, `text of <${parent.name}>`);
    if (open === -1) break;
    rest = rest.slice(open);
    const tag = /^<(\/?)([^\s/>]+)((?:\s+[^\s=]+="[^"]*")*)\s*(\/?)>/.exec(rest);
    if (!tag) throw new Error(`malformed tag at: ${JSON.stringify(rest.slice(0, 80))}`);
    const [whole, closing, name, attributeText, selfClosing] = tag as unknown as [string, string, string, string, string];
    if (!nameChars.test(name)) throw new Error(`bad element name ${name}`);
    rest = rest.slice(whole.length);
    if (closing) {
      const top = stack.pop();
      if (!top || top.name !== name || stack.length === 0) throw new Error(`</${name}> closes <${top?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const match of attributeText.matchAll(/([^\s=]+)="([^"]*)"/g)) {
      const [, key, value] = match as unknown as [string, string, string];
      if (key in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key] = decode(value, `attribute ${key} of <${name}>`);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    parent.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('a document has exactly one root element');
  return root.children[0]!;
}
