/** Fixtures for the Telegram tests (not a test file). */

/** Recorded shapes of Bot API updates (ids shortened). */
export const TELEGRAM_UPDATES = {
  text: {
    update_id: 900001,
    message: {
      message_id: 11,
      from: { id: 5550001, is_bot: false, first_name: 'Nguyen', last_name: 'An', username: 'nguyenan', language_code: 'vi' },
      chat: { id: 5550001, first_name: 'Nguyen', last_name: 'An', username: 'nguyenan', type: 'private' },
      date: 1772438400,
      text: 'Xin chào, đơn hàng của tôi bị trễ',
    },
  },
  edited: {
    update_id: 900002,
    edited_message: {
      message_id: 11,
      from: { id: 5550001, is_bot: false, first_name: 'Nguyen' },
      chat: { id: 5550001, type: 'private' },
      date: 1772438400,
      edit_date: 1772438460,
      text: 'Xin chào, đơn hàng #42 của tôi bị trễ',
    },
  },
  photo: {
    update_id: 900003,
    message: {
      message_id: 12,
      from: { id: 5550001, is_bot: false, first_name: 'Nguyen' },
      chat: { id: 5550001, type: 'private' },
      date: 1772438500,
      photo: [
        { file_id: 'AgAC-small', file_unique_id: 's', file_size: 1200, width: 90, height: 67 },
        { file_id: 'AgAC-large', file_unique_id: 'l', file_size: 81234, width: 1280, height: 960 },
      ],
      caption: 'Ảnh gói hàng bị hỏng',
    },
  },
  document: {
    update_id: 900004,
    message: {
      message_id: 13,
      from: { id: 5550002, is_bot: false, first_name: 'Petr' },
      chat: { id: -100200300, title: 'Support group', type: 'supergroup' },
      date: 1772438600,
      document: { file_name: 'faktura.pdf', mime_type: 'application/pdf', file_id: 'BQAC-doc', file_unique_id: 'd', file_size: 52000 },
    },
  },
  callbackQuery: { update_id: 900005, callback_query: { id: '1', from: { id: 5550001, is_bot: false, first_name: 'N' }, data: 'x' } },
  sticker: {
    update_id: 900006,
    message: { message_id: 14, from: { id: 5550001, is_bot: false, first_name: 'N' }, chat: { id: 5550001, type: 'private' }, date: 1, sticker: { file_id: 'CAAC', file_unique_id: 'u', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' } },
  },
  fromBot: { update_id: 900007, message: { message_id: 15, from: { id: 1, is_bot: true, first_name: 'Bot' }, chat: { id: 5550001, type: 'private' }, date: 1, text: 'hi' } },
};
