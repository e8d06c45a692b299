import type { AddressField, Lang, ProblemKind } from './types.ts';

/*
 * Every word the buyer reads. `{slot}` marks a value the renderer fills (already escaped).
 * Arabic is Modern Standard with the store's everyday words (GLOSSARY.md): طلب، الدفع عند
 * الاستلام، موعد التوصيل، رابط التأكيد — clear to a Saudi buyer and just as clear in Egypt.
 */

export interface ProblemText {
  title: string;
  text: string;
  hint: string;
}

export interface PageText {
  dir: 'rtl' | 'ltr';
  /** This language's name in itself, shown on the other language's switch link. */
  langName: string;
  pageTitle: string;
  orderNumber: string;
  placedAt: string;

  openTitle: string;
  openIntro: string;
  openIntroNoWindows: string;
  emailTitle: string;
  emailIntro: string;
  emailIntroNoPhone: string;
  confirmedTitle: string;
  confirmedText: string;
  confirmedWindow: string;
  cancelledTitle: string;
  cancelledText: string;
  closedTitle: string;
  closedText: string;

  summaryTitle: string;
  quantity: string;
  subtotal: string;
  shipping: string;
  free: string;
  discount: string;
  tax: string;
  total: string;
  payment: string;
  cod: string;
  online: string;
  codHint: string;

  addressTitle: string;
  addressEdit: string;
  addressEditHint: string;
  fields: Record<AddressField, string>;
  optional: string;
  addressSave: string;

  windowTitle: string;
  windowHint: string;
  windowAny: string;
  windowRange: string;
  windowFull: string;
  windowChoose: string;
  windowChange: string;
  windowSave: string;
  confirmButton: string;

  phoneTitle: string;
  phoneLabel: string;
  phoneHint: string;
  phoneSave: string;

  cancelSummary: string;
  cancelText: string;
  cancelReason: string;
  cancelButton: string;

  errorsTitle: string;
  privacy: string;
  problems: Record<ProblemKind, ProblemText>;
}

const ar: PageText = {
  dir: 'rtl',
  langName: 'العربية',
  pageTitle: '{store} — طلب رقم {number}',
  orderNumber: 'طلب رقم {number}',
  placedAt: 'بتاريخ {date}',

  openTitle: 'أكّد طلبك',
  openIntro: 'مرحبًا {name}، راجع تفاصيل طلبك واختر موعد التوصيل المناسب لك، ثم اضغط «تأكيد الطلب».',
  openIntroNoWindows: 'مرحبًا {name}، راجع تفاصيل طلبك ثم اضغط «تأكيد الطلب».',
  emailTitle: 'لم نتمكن من الوصول إليك',
  emailIntro: 'مرحبًا {name}، حاولنا الاتصال بك على الرقم {phone} لتأكيد طلبك، ولم نتمكن من الوصول إليك. لن نشحن الطلب قبل أن نتواصل معك.',
  emailIntroNoPhone: 'مرحبًا {name}، لم نتمكن من الوصول إليك هاتفيًا لتأكيد طلبك. لن نشحن الطلب قبل أن نتواصل معك.',
  confirmedTitle: 'تم تأكيد طلبك، شكرًا لك!',
  confirmedText: 'سنجهّز طلبك ونرسله إليك في أقرب وقت.',
  confirmedWindow: 'موعد التوصيل: {window}',
  cancelledTitle: 'تم إلغاء طلبك',
  cancelledText: 'لن نرسل هذا الطلب. إذا ألغيته بالخطأ، تواصل مع المتجر وسنساعدك.',
  closedTitle: 'طلبك قيد المعالجة',
  closedText: 'لا يحتاج طلبك إلى أي إجراء منك في هذه الصفحة. لأي استفسار، تواصل مع المتجر.',

  summaryTitle: 'تفاصيل الطلب',
  quantity: 'الكمية: {n}',
  subtotal: 'المجموع الفرعي',
  shipping: 'الشحن',
  free: 'مجاني',
  discount: 'الخصم',
  tax: 'ضريبة القيمة المضافة',
  total: 'الإجمالي',
  payment: 'طريقة الدفع',
  cod: 'الدفع عند الاستلام',
  online: 'الدفع الإلكتروني',
  codHint: 'ستدفع {total} عند استلام طلبك.',

  addressTitle: 'عنوان التوصيل',
  addressEdit: 'تصحيح العنوان',
  addressEditHint: 'عدّل ما يلزم ثم اضغط «حفظ العنوان».',
  fields: {
    line1: 'الشارع ورقم المبنى',
    line2: 'الشقة أو الدور أو علامة مميزة',
    district: 'الحي',
    city: 'المدينة',
    region: 'المنطقة أو المحافظة',
    postal_code: 'الرمز البريدي',
  },
  optional: '(اختياري)',
  addressSave: 'حفظ العنوان',

  windowTitle: 'موعد التوصيل',
  windowHint: 'اختر الوقت الذي تكون فيه متواجدًا لاستلام طلبك.',
  windowAny: 'أي وقت يناسبني',
  windowRange: '{from} – {to}',
  windowFull: '{day}، {range}',
  windowChoose: 'اختر موعد التوصيل',
  windowChange: 'تغيير موعد التوصيل',
  windowSave: 'حفظ موعد التوصيل',
  confirmButton: 'تأكيد الطلب',

  phoneTitle: 'أعطنا رقمًا آخر',
  phoneLabel: 'رقم الجوال الجديد',
  phoneHint: 'سنرسل إلى هذا الرقم رسالة تأكيد جديدة فيها رابط لتأكيد طلبك.',
  phoneSave: 'أرسل رسالة التأكيد',

  cancelSummary: 'أريد إلغاء الطلب',
  cancelText: 'إذا لم تعد ترغب في هذا الطلب يمكنك إلغاؤه هنا، ولن نرسله إليك.',
  cancelReason: 'سبب الإلغاء',
  cancelButton: 'إلغاء الطلب',

  errorsTitle: 'يرجى مراجعة الحقول المشار إليها أدناه.',
  privacy: 'هذه الصفحة خاصة بطلبك، فلا تشارك رابطها مع أحد.',
  problems: {
    expired: {
      title: 'انتهت صلاحية هذا الرابط',
      text: 'لم يعد بالإمكان استخدام هذا الرابط.',
      hint: 'إذا كان طلبك لا يزال قائمًا، ردّ على الرسالة التي وصلتك أو تواصل مع المتجر مباشرة وسيساعدونك.',
    },
    used: {
      title: 'تم استخدام هذا الرابط من قبل',
      text: 'تم التعامل مع طلبك عبر هذا الرابط، ولا حاجة لفعل أي شيء آخر.',
      hint: 'إذا أردت تغيير شيء في طلبك، تواصل مع المتجر.',
    },
    not_found: {
      title: 'لم نجد هذه الصفحة',
      text: 'قد يكون الرابط ناقصًا أو غير صحيح.',
      hint: 'افتح الرابط كاملًا كما وصلك في الرسالة، أو تواصل مع المتجر.',
    },
    rate_limited: {
      title: 'محاولات كثيرة',
      text: 'أجريت محاولات كثيرة خلال وقت قصير.',
      hint: 'انتظر بضع دقائق ثم حاول مرة أخرى.',
    },
    error: {
      title: 'حدث خطأ غير متوقع',
      text: 'لم نتمكن من إتمام ذلك الآن، والخلل من جهتنا.',
      hint: 'حاول مرة أخرى بعد قليل. وإذا تكرر الأمر، تواصل مع المتجر.',
    },
  },
};

const en: PageText = {
  dir: 'ltr',
  langName: 'English',
  pageTitle: '{store} — Order #{number}',
  orderNumber: 'Order #{number}',
  placedAt: 'Placed {date}',

  openTitle: 'Please confirm your order',
  openIntro: 'Hello {name}, please check your order and choose a delivery time that suits you, then press “Confirm order”.',
  openIntroNoWindows: 'Hello {name}, please check your order, then press “Confirm order”.',
  emailTitle: 'We couldn’t reach you',
  emailIntro: 'Hello {name}, we tried to call you on {phone} to confirm your order but couldn’t get through. We won’t ship the order until we’ve reached you.',
  emailIntroNoPhone: 'Hello {name}, we couldn’t reach you by phone to confirm your order. We won’t ship the order until we’ve reached you.',
  confirmedTitle: 'Thank you, your order is confirmed!',
  confirmedText: 'We’ll get your order ready and send it to you soon.',
  confirmedWindow: 'Delivery time: {window}',
  cancelledTitle: 'Your order has been cancelled',
  cancelledText: 'We won’t send this order. If you cancelled it by mistake, contact the store and we’ll help.',
  closedTitle: 'Your order is being handled',
  closedText: 'There’s nothing you need to do on this page. For any question, contact the store.',

  summaryTitle: 'Order details',
  quantity: 'Qty: {n}',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  free: 'Free',
  discount: 'Discount',
  tax: 'VAT',
  total: 'Total',
  payment: 'Payment',
  cod: 'Cash on delivery',
  online: 'Online payment',
  codHint: 'You’ll pay {total} when your order arrives.',

  addressTitle: 'Delivery address',
  addressEdit: 'Correct the address',
  addressEditHint: 'Change what’s needed, then press “Save address”.',
  fields: {
    line1: 'Street and building number',
    line2: 'Apartment, floor or landmark',
    district: 'District',
    city: 'City',
    region: 'Region or governorate',
    postal_code: 'Postal code',
  },
  optional: '(optional)',
  addressSave: 'Save address',

  windowTitle: 'Delivery time',
  windowHint: 'Choose when you’ll be there to receive your order.',
  windowAny: 'Any time suits me',
  windowRange: '{from} – {to}',
  windowFull: '{day}, {range}',
  windowChoose: 'Choose a delivery time',
  windowChange: 'Change the delivery time',
  windowSave: 'Save delivery time',
  confirmButton: 'Confirm order',

  phoneTitle: 'Give us another number',
  phoneLabel: 'New mobile number',
  phoneHint: 'We’ll send a new confirmation message to this number, with a link to confirm your order.',
  phoneSave: 'Send the confirmation',

  cancelSummary: 'I want to cancel this order',
  cancelText: 'If you no longer want this order, you can cancel it here and we won’t send it.',
  cancelReason: 'Reason for cancelling',
  cancelButton: 'Cancel order',

  errorsTitle: 'Please check the fields marked below.',
  privacy: 'This page is for your order only; please don’t share its link.',
  problems: {
    expired: {
      title: 'This link has expired',
      text: 'This link can no longer be used.',
      hint: 'If your order is still open, reply to the message you received or contact the store directly and they’ll help you.',
    },
    used: {
      title: 'This link has already been used',
      text: 'Your order was already handled through this link, so there’s nothing more to do.',
      hint: 'If you’d like to change something in your order, contact the store.',
    },
    not_found: {
      title: 'We couldn’t find this page',
      text: 'The link may be incomplete or mistyped.',
      hint: 'Open the full link exactly as it appears in your message, or contact the store.',
    },
    rate_limited: {
      title: 'Too many attempts',
      text: 'There have been too many attempts in a short time.',
      hint: 'Please wait a few minutes and try again.',
    },
    error: {
      title: 'Something went wrong',
      text: 'We couldn’t complete that just now; the problem is on our side.',
      hint: 'Please try again in a little while. If it keeps happening, contact the store.',
    },
  },
};

export const PAGE_TEXT: Record<Lang, PageText> = { ar, en };
