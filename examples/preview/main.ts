// The channel preview page: a JSON editor for one message and the same message as WhatsApp,
// Messenger, RCS, Telegram and SMS show it. Uses only anychannel's public API: parseMessage()
// validates, render() does every channel, segmentSms() splits the SMS.
import {
  type Degradation,
  type Message,
  type ProfileName,
  type RenderOptions,
  type RenderResult,
  type ValidationIssue,
  ValidationError,
  formatPath,
  location,
  message,
  parseMessage,
  profiles,
  render,
  reply,
  template,
} from 'anychannel'
import type { SegmentOptions } from 'anychannel/sms'
import { examples } from '../messages/index.js'
import { conversation } from './chat.js'
import { h } from './dom.js'
import { lineColumn, locate, spanOf, syntaxErrorOffset } from './json-locate.js'
import { smsView } from './sms.js'

/** Two more messages to show the location and template rungs. */
const extras = {
  store: message({
    text: 'Your parcel is ready for pickup at our Market Street store.',
    location: location({ latitude: 37.7897, longitude: -122.4011, name: 'Shop Market St', address: '575 Market St, San Francisco' }),
    quickReplies: [reply('Opening hours', 'HOURS'), reply('Deliver instead', 'DELIVER')],
  }),
  template: message({
    template: template('order_shipped', { language: 'en_US', variables: ['Ana', '#1234'] }),
    fallback: { text: 'Hi Ana, your order #1234 has shipped. Track it: https://shop.example.com/o/1234' },
  }),
}
const EXAMPLES: Record<string, Message> = { ...examples, ...extras }

const CHANNELS: ReadonlyArray<{ id: ProfileName; label: string }> = [
  { id: 'whatsapp', label: 'WhatsApp' },
  { id: 'messenger', label: 'Messenger' },
  { id: 'rcs', label: 'RCS' },
  { id: 'telegram', label: 'Telegram' },
  { id: 'sms', label: 'SMS' },
]

const state = {
  message: examples.carousel as Message,
  valid: true,
  raw: false,
  maxSegments: profiles.sms.sms?.maxSegments ?? 10,
  transliterate: false,
  languageTables: false,
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T
const editor = $<HTMLTextAreaElement>('#json')
const status = $<HTMLDivElement>('#status')
const issuesList = $<HTMLUListElement>('#issues')
const panes = $<HTMLElement>('#panes')

function reportList(report: readonly Degradation[]): HTMLElement {
  if (report.length === 0) return h('p', { class: 'report-empty' }, 'Shown natively: nothing changed.')
  return h(
    'ul',
    { class: 'report' },
    report.map((d) =>
      h(
        'li',
        { class: d.lossy ? 'lossy' : 'kept', title: `${d.from} → ${d.to}` },
        h('span', { class: 'badge' }, d.lossy ? 'lossy' : 'changed'),
        h('code', { class: 'path' }, d.path),
        h('span', { class: 'detail' }, d.detail),
      ),
    ),
  )
}

function smsControls(): HTMLElement {
  const select = h(
    'select',
    { id: 'max-segments', 'aria-label': 'SMS segment budget' },
    Array.from({ length: 10 }, (_, i) => h('option', { value: i + 1, selected: i + 1 === state.maxSegments }, `${i + 1}`)),
  )
  select.addEventListener('change', () => {
    state.maxSegments = Number(select.value)
    renderPanes()
  })
  const toggle = (id: string, label: string, key: 'transliterate' | 'languageTables') => {
    const input = h('input', { type: 'checkbox', id, checked: state[key] })
    input.addEventListener('change', () => {
      state[key] = input.checked
      renderPanes()
    })
    return h('label', { class: 'toggle' }, input, label)
  }
  return h(
    'div',
    { class: 'sms-controls' },
    h('label', { class: 'budget' }, 'max segments ', select),
    toggle('transliterate', 'transliterate', 'transliterate'),
    toggle('language-tables', 'national tables', 'languageTables'),
  )
}

function pane(id: ProfileName, label: string): HTMLElement {
  const isSms = id === 'sms'
  const options: RenderOptions = isSms
    ? { maxSegments: state.maxSegments, transliterate: state.transliterate, languageTables: state.languageTables }
    : {}
  let result: RenderResult | undefined
  let failure: string | undefined
  try {
    result = render(state.message, id, options)
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error)
  }
  const lossy = result?.report.filter((d) => d.lossy).length ?? 0
  const seg: SegmentOptions = { transliterate: state.transliterate, languageTables: state.languageTables }
  return h(
    'section',
    { class: `pane pane--${id}`, 'data-channel': id, 'aria-label': `${label} preview` },
    h(
      'header',
      { class: 'pane-header' },
      h('span', { class: 'pane-title' }, label),
      result &&
        h(
          'span',
          { class: 'pane-meta' },
          `${result.messages.length} message${result.messages.length === 1 ? '' : 's'}`,
          lossy > 0 && h('span', { class: 'lossy-count' }, ` · ${lossy} lossy`),
        ),
    ),
    isSms && smsControls(),
    h(
      'div',
      { class: 'screen' },
      failure
        ? h('div', { class: 'render-error' }, failure)
        : result && (isSms ? smsView(result, seg, state.maxSegments) : conversation(result.messages, profiles[id].text.formatting, state.raw)),
    ),
    result && h('div', { class: 'pane-report' }, h('h3', null, 'Degradation report'), reportList(result.report)),
  )
}

function renderPanes(): void {
  panes.replaceChildren(...CHANNELS.map((c) => pane(c.id, c.label)))
  panes.classList.toggle('stale', !state.valid)
}

function showIssues(issues: readonly ValidationIssue[], text: string): void {
  const spans = locate(text)
  issuesList.replaceChildren(
    ...issues.map((issue) => {
      const span = spanOf(spans, issue.path)
      const where = span ? lineColumn(text, span.start) : undefined
      const item = h(
        'li',
        { class: 'issue', 'data-path': formatPath(issue.path), tabindex: 0 },
        h('code', { class: 'issue-path' }, formatPath(issue.path)),
        where && h('span', { class: 'issue-line' }, `line ${where.line}`),
        h('span', { class: 'issue-message' }, issue.message),
      )
      if (span) {
        const select = () => {
          editor.focus()
          editor.setSelectionRange(span.start, span.end)
        }
        item.addEventListener('click', select)
        item.addEventListener('keydown', (e) => e.key === 'Enter' && select())
      }
      return item
    }),
  )
}

function validate(): void {
  const text = editor.value
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const offset = error instanceof SyntaxError ? syntaxErrorOffset(error, text) : undefined
    const where = offset === undefined ? '' : ` (line ${lineColumn(text, offset).line}, column ${lineColumn(text, offset).column})`
    setStatus('error', `Not valid JSON${where}: ${error instanceof Error ? error.message : String(error)}`)
    issuesList.replaceChildren()
    state.valid = false
    renderPanes()
    return
  }
  try {
    state.message = parseMessage(json)
    state.valid = true
    issuesList.replaceChildren()
    setStatus('ok', 'Valid message')
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error
    state.valid = false
    setStatus('error', `${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}: the previews show the last valid message`)
    showIssues(error.issues, text)
  }
  renderPanes()
}

function setStatus(kind: 'ok' | 'error', text: string): void {
  status.className = `status status--${kind}`
  status.textContent = text
}

function load(name: string): void {
  const m = EXAMPLES[name]
  if (!m) return
  editor.value = JSON.stringify(m, null, 2)
  for (const b of document.querySelectorAll<HTMLButtonElement>('.examples button')) b.setAttribute('aria-pressed', String(b.dataset.example === name))
  validate()
}

$('.examples').replaceChildren(
  ...Object.keys(EXAMPLES).map((name) => {
    const b = h('button', { type: 'button', 'data-example': name, 'aria-pressed': 'false' }, name)
    b.addEventListener('click', () => load(name))
    return b
  }),
)

let timer: ReturnType<typeof setTimeout> | undefined
editor.addEventListener('input', () => {
  clearTimeout(timer)
  timer = setTimeout(validate, 150)
})

const rawToggle = $<HTMLInputElement>('#raw')
rawToggle.addEventListener('change', () => {
  state.raw = rawToggle.checked
  renderPanes()
})

load('carousel')
document.documentElement.dataset.ready = 'true'
