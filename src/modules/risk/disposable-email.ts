/**
 * Throwaway mailbox services: an address there works for ten minutes, so the order's email
 * will not reach the customer when it matters (a new number, a refund). The best-known
 * services; a subdomain of one counts as that service.
 */
const DOMAINS = new Set(
  `0-mail.com 10minutemail.com 10minutemail.net 10minutemail.co.uk 20minutemail.com 33mail.com anonbox.net
  burnermail.io byom.de discard.email discardmail.com dispostable.com drdrb.com dropmail.me emailondeck.com
  fakeinbox.com fakemail.net filzmail.com getairmail.com getnada.com guerrillamail.com guerrillamail.net
  guerrillamail.org guerrillamail.biz guerrillamail.de guerrillamailblock.com sharklasers.com grr.la
  harakirimail.com incognitomail.org inboxbear.com jetable.org mail-temp.com mailcatch.com maildrop.cc
  mailinator.com mailinator.net mailinator2.com mailnesia.com mailpoof.com mailsac.com mailtemp.net
  mintemail.com moakt.com mohmal.com mytemp.email mytrashmail.com nada.email no-spam.ws nowmymail.com
  one-off.email oneoffemail.com spam4.me spambog.com spambox.us spamgourmet.com spamex.com tempail.com
  temp-mail.org temp-mail.io tempmail.com tempmail.net tempmailo.com tempr.email tempinbox.com
  throwawaymail.com trashmail.com trashmail.de trashmail.net trashmail.io wegwerfmail.de yopmail.com
  yopmail.fr yopmail.net mvrht.net emailfake.com fakemailgenerator.com tmpmail.org tmpmail.net
  tmail.ws mailbox.in.ua 1secmail.com 1secmail.net 1secmail.org dropmail.me minuteinbox.com
  luxusmail.org inboxkitten.com mailforspam.com 24hourmail.com 7tags.com`.split(/\s+/).filter(Boolean),
);

/** The throwaway service an email belongs to, or null. */
export function disposableDomain(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return null;
  const parts = email.slice(at + 1).toLowerCase().split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const domain = parts.slice(i).join('.');
    if (DOMAINS.has(domain)) return domain;
  }
  return null;
}
