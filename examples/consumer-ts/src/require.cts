// The CommonJS side of the package (the "require" condition, dist/*.d.cts), as a CJS consumer
// compiled with module "node16" sees it.
import anychannel = require('anychannel')
import sms = require('anychannel/sms')
import memory = require('anychannel/drivers/memory')

const msg: anychannel.Message = anychannel.message({ text: 'Hi', quickReplies: [anychannel.reply('Ok', 'OK')] })
const result: anychannel.RenderResult = anychannel.render(msg, 'sms')
const info: sms.SmsInfo = sms.segmentSms(result.messages[0]?.text ?? '')
const driver: memory.MemoryDriver = memory.createMemoryDriver()
const client: anychannel.Client = anychannel.createClient({ channels: { sms: driver } })

async function send(): Promise<anychannel.SendResult> {
  console.log(info.encoding, info.segments.length)
  return client.send({ to: '+14155550100', message: msg })
}

export = { send }
