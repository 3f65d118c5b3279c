// Where each value sits in the JSON text, so a validation issue can point at its line. Only called
// on text JSON.parse accepted.

export interface Span {
  start: number
  end: number
}

/** Spans of every value in `json`, keyed by their path joined with '/' ('' for the root). */
export function locate(json: string): Map<string, Span> {
  const spans = new Map<string, Span>()
  let i = 0
  const ws = () => {
    while (i < json.length && ' \t\n\r'.includes(json[i] as string)) i++
  }
  const string = (): string => {
    const start = i
    i++
    while (json[i] !== '"') i += json[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(json.slice(start, i)) as string
  }
  const value = (path: string): void => {
    ws()
    const start = i
    const c = json[i]
    if (c === '{') {
      i++
      ws()
      while (json[i] !== '}') {
        ws()
        const key = string()
        ws()
        i++ // ':'
        value(path === '' ? key : `${path}/${key}`)
        ws()
        if (json[i] === ',') i++
        ws()
      }
      i++
    } else if (c === '[') {
      i++
      ws()
      let index = 0
      while (json[i] !== ']') {
        value(path === '' ? String(index) : `${path}/${index}`)
        index++
        ws()
        if (json[i] === ',') i++
        ws()
      }
      i++
    } else if (c === '"') {
      string()
    } else {
      while (i < json.length && !',}] \t\n\r'.includes(json[i] as string)) i++
    }
    spans.set(path, { start, end: i })
  }
  value('')
  return spans
}

/** The span of the deepest existing value on `path` (a missing key points at its parent object). */
export function spanOf(spans: Map<string, Span>, path: ReadonlyArray<string | number>): Span | undefined {
  for (let n = path.length; n >= 0; n--) {
    const span = spans.get(path.slice(0, n).join('/'))
    if (span) return span
  }
  return undefined
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}

/** The offset a JSON.parse SyntaxError points at, when the engine says. */
export function syntaxErrorOffset(error: SyntaxError, text: string): number | undefined {
  const position = /position (\d+)/.exec(error.message)
  if (position) return Number(position[1])
  const lc = /line (\d+) column (\d+)/.exec(error.message)
  if (lc) {
    const lines = text.split('\n').slice(0, Number(lc[1]) - 1)
    return lines.reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1
  }
  if (/end of (JSON|data) input/i.test(error.message)) return text.length
  return undefined
}
