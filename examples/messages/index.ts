// The example messages used by docs/degradation.md, the demo and the render tests.
import { call, card, image, link, list, message, reply, type Message } from '../../src/index.js'

/** A 3-card carousel with buttons and 5 quick replies, plus a fallback link. */
export const carousel: Message = message({
  text: 'Your order **#1234** has shipped! Pick what you need next:',
  cards: [
    card({
      title: 'Blue linen shirt',
      text: 'Size M, arrives Thursday',
      media: image('https://shop.example.com/img/shirt.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/shirt'), reply('Buy again', 'REORDER_SHIRT')],
    }),
    card({
      title: 'Canvas tote bag',
      text: 'Arrives Friday',
      media: image('https://shop.example.com/img/tote.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/tote'), reply('Buy again', 'REORDER_TOTE')],
    }),
    card({
      title: 'Gift card',
      text: 'Delivered by email',
      media: image('https://shop.example.com/img/gift.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/gift'), reply('Buy again', 'REORDER_GIFT')],
    }),
  ],
  quickReplies: [
    reply('Track parcel', 'TRACK'),
    reply('Change address', 'ADDRESS'),
    reply('Returns', 'RETURNS'),
    reply('Invoice', 'INVOICE'),
    reply('Talk to us', 'AGENT'),
  ],
  fallback: { url: 'https://shop.example.com/o/1234' },
})

/** A list picker with 12 rows in two sections. */
export const slots: Message = message({
  text: 'When should we deliver your sofa?',
  list: list({
    button: 'Choose a slot',
    sections: [
      {
        title: 'Monday',
        items: ['08:00', '10:00', '12:00', '14:00', '16:00', '18:00'].map((t) => ({ id: `MON_${t}`, title: `Mon ${t}`, description: 'Two-hour window, two people' })),
      },
      {
        title: 'Tuesday',
        items: ['08:00', '10:00', '12:00', '14:00', '16:00', '18:00'].map((t) => ({ id: `TUE_${t}`, title: `Tue ${t}`, description: 'Two-hour window, two people' })),
      },
    ],
  }),
})

/** A single card with an image and a call button. */
export const support: Message = message({
  cards: [
    card({
      title: 'Your engineer is on the way',
      text: 'Sam arrives between 14:00 and 16:00. Call if you need to reschedule.',
      media: image('https://service.example.com/img/sam.jpg'),
      buttons: [call('Call Sam', '+14155550123'), reply('Reschedule', 'RESCHEDULE')],
    }),
  ],
})

/** Text full of characters Telegram's MarkdownV2 reserves. */
export const markdown: Message = message({
  text: '**Flash sale!** 50% off *everything* (today only) - use code [SAVE_50] at checkout.\nPrice: $9.99 + tax = $10.79 #deal ~~$19.99~~ → see [our shop](https://shop.example.com/sale?a=1&b=2).',
})

/** A long Turkish text (needs the Turkish shift table to stay 7-bit). */
export const turkish: Message = message({
  text:
    'Sayın müşterimiz, siparişiniz bugün kargoya verildi ve yarın öğleden sonra teslim edilecektir. ' +
    'Teslimat sırasında evde bulunamayacaksanız lütfen kargo şubesiyle iletişime geçiniz. ' +
    'Sipariş numaranız: 48213. Bizi tercih ettiğiniz için teşekkür ederiz; iyi günler dileriz.',
  quickReplies: [reply('Teslimatı değiştir', 'CHANGE'), reply('Şubeyi ara', 'CALL_BRANCH')],
})

export const examples = { carousel, slots, support, markdown, turkish } as const
