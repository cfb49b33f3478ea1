// A minimal XML reader for Word's parts: elements with attributes and children, text, entities decoded.
// Enough for machine-written OOXML (no DTDs); anything malformed is reported, not guessed at.

export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
}
export type XmlNode = XmlElement | string

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] }
  const stack: XmlElement[] = [root]
  let match: RegExpExecArray | null
  TOKEN.lastIndex = 0
  let expected = 0
  while ((match = TOKEN.exec(xml))) {
    if (match.index !== expected) throw new Error(`malformed XML at offset ${expected}`)
    expected = TOKEN.lastIndex
    const [, cdata, closing, name, attrs, selfClosing, text] = match
    const top = stack[stack.length - 1]!
    if (cdata !== undefined) top.children.push(cdata)
    else if (text !== undefined) top.children.push(decode(text))
    else if (name === undefined) continue
    else if (closing) {
      if (top.name !== name) throw new Error(`malformed XML: </${name}> closes <${top.name}>`)
      stack.pop()
    } else {
      const element: XmlElement = { name, attrs: {}, children: [] }
      for (const attr of (attrs ?? '').matchAll(ATTR)) element.attrs[attr[1]!] = decode(attr[2] ?? attr[3] ?? '')
      top.children.push(element)
      if (!selfClosing) stack.push(element)
    }
  }
  if (expected !== xml.length || stack.length !== 1) throw new Error('malformed XML: truncated')
  return root
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity.toLowerCase()]!
  })
}

/** Child elements named `name`. */
export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name)
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element ? children(element, name)[0] : undefined
}

/** Every descendant element named `name`, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = []
  for (const node of element.children) {
    if (typeof node === 'string') continue
    if (node.name === name) found.push(node)
    else found.push(...descendants(node, name))
  }
  return found
}
