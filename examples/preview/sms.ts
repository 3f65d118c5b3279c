// The SMS view: the one text render() fitted to the segment budget, its encoding and cost, and how
// the carrier splits it into parts (segmentSms on the same text with the same options).
import type { RenderResult } from 'anychannel'
import { type SegmentOptions, segmentSms } from 'anychannel/sms'
import { h } from './dom.js'
import { formatted } from './text.js'

export function smsView(result: RenderResult, options: SegmentOptions, maxSegments: number): HTMLElement {
  const text = result.messages[0]?.text
  if (text === undefined || !result.sms) return h('div', { class: 'chat' }, h('div', { class: 'empty' }, 'nothing is sent by SMS'))
  const info = segmentSms(text, options)
  const { encoding, segments, units, languageTable } = result.sms
  const unitName = encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'
  const tables = languageTable ? [languageTable.locking && `${languageTable.locking} locking`, languageTable.single && `${languageTable.single} single`].filter(Boolean).join(' + ') : ''
  return h(
    'div',
    { class: 'chat' },
    h('div', { class: 'msg' }, h('div', { class: 'bubble' }, h('div', { class: 'text sms-text' }, formatted(text, 'plain')))),
    h(
      'dl',
      { class: 'sms-stats' },
      h('div', null, h('dt', null, 'Encoding'), h('dd', { class: `encoding encoding--${encoding === 'GSM-7' ? 'gsm' : 'ucs'}`, 'data-testid': 'sms-encoding' }, encoding)),
      h('div', null, h('dt', null, 'Segments'), h('dd', { 'data-testid': 'sms-segments' }, `${segments}`, h('span', { class: 'of' }, ` of ${maxSegments}`))),
      h('div', null, h('dt', null, 'Units'), h('dd', null, `${units}`, h('span', { class: 'of' }, ` ${unitName}`))),
      h('div', null, h('dt', null, 'Per part'), h('dd', null, `${info.unitsPerSegment}`)),
    ),
    tables && h('p', { class: 'sms-note' }, `National language tables: ${tables}.`),
    encoding === 'UCS-2' &&
      info.nonGsmCharacters.length > 0 &&
      h('p', { class: 'sms-note' }, 'UCS-2 because of ', info.nonGsmCharacters.slice(0, 12).map((c) => h('code', { class: 'char' }, c)), '.'),
    segments > 1 &&
      h(
        'ol',
        { class: 'sms-parts' },
        info.segments.map((part, i) => h('li', null, h('span', { class: 'part-label' }, `Part ${i + 1}`), h('span', { class: 'part-text' }, part))),
      ),
    result.replies.length > 0 &&
      h(
        'div',
        { class: 'replies' },
        h('div', { class: 'replies-title' }, 'Inbound replies map back to'),
        h(
          'ul',
          null,
          result.replies.map((r) => h('li', null, h('span', { class: 'keys' }, r.keys.map((k) => `“${k}”`).join(' / ')), ' → ', h('code', null, r.payload))),
        ),
      ),
  )
}
