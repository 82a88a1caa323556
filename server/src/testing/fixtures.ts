// Inputs several test files send as they are: a complaint through the public abuse form, and
// the operator's bank details that turn manual payments (bank transfer) on.

export const abuseComplaint = {
  pageUrl: 'https://shop.example.ru/page',
  rightInfringed: 'Исключительное право на фотографию',
  proof: 'Оригинал опубликован 01.10.2026 по адресу https://photo.example/1',
  purpose: 'Удалить виджет с фотографией',
  contacts: 'author@photo.example',
};

/** SELLER_* settings: a real bank's BIK and correspondent account, made-up rest. */
export const sellerBankEnv = {
  SELLER_NAME: 'ООО «Виджетри»',
  SELLER_INN: '7707083893',
  SELLER_KPP: '773601001',
  SELLER_BANK: 'ПАО Сбербанк, г. Москва',
  SELLER_BIK: '044525225',
  SELLER_ACCOUNT: '40702810938000000001',
  SELLER_CORR_ACCOUNT: '30101810400000000225',
};
