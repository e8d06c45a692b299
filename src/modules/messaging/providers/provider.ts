/**
 * One interface for every way wasl reaches a customer. Each provider is one file that turns an
 * outgoing message into the provider's published API call; none of them touches the database.
 */
export type Channel = 'sms' | 'whatsapp' | 'email';

export interface OutgoingMessage {
  /** Our message id (`msg_…`): used as a reference where the provider keeps one. */
  id: string;
  channel: Channel;
  /** E.164 (`+966501234567`) for sms and whatsapp; an email address for email. */
  to: string;
  /** Plain text: the SMS body, the email's text part, the WhatsApp text when no template is used. */
  body: string;
  /** Email only. */
  subject?: string;
  html?: string;
  /** WhatsApp only: an approved template with its body variables and quick-reply button payloads. */
  whatsappTemplate?: { name: string; language: string; bodyParams: string[]; quickReplies?: string[] };
  /** Where the provider should post delivery statuses (Twilio's StatusCallback). */
  statusCallbackUrl?: string;
}

export interface SendResult {
  /** The provider's id for the message (Twilio SID, WhatsApp `wamid…`, SMTP Message-ID), when it gives one. */
  providerMessageId: string | null;
}

/**
 * A send that did not go through. `retryable` says whether trying again later could help
 * (network error, timeout, 429, 5xx) or not (bad credentials, invalid number, 4xx).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface SendOptions {
  /** Give up on a provider that does not answer within this time (a retryable error). */
  timeoutMs: number;
}

export interface Provider<S> {
  name: string;
  channel: Channel;
  send(settings: S, msg: OutgoingMessage, opts: SendOptions): Promise<SendResult>;
}

/** Settings as stored under `messaging.*` (API.md "Messaging providers"). */
export interface TwilioSettings {
  provider: 'twilio';
  base_url?: string;
  account_sid: string;
  auth_token: string;
  from: string;
}
export interface UnifonicSettings {
  provider: 'unifonic';
  base_url?: string;
  app_sid: string;
  sender_id: string;
}
export type SmsSettings = TwilioSettings | UnifonicSettings;
export interface WhatsAppSettings {
  base_url?: string;
  api_version?: string;
  phone_number_id: string;
  access_token: string;
  app_secret: string;
  verify_token: string;
  templates?: Record<string, string>;
}
export interface EmailSettings {
  smtp_url: string;
  from: string;
}
