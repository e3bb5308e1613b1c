/**
 * Contacts published with a notice: phone numbers, postal address, postcode, e-mail.
 * Values are kept as written (users search for them literally).
 */
import type { z } from 'zod';
import type { Contacts as ContactsSchema } from '../../contract/notice.ts';
import { foldDigits } from '../../text/numerals.ts';

export type Contacts = z.output<typeof ContactsSchema>;

/**
 * Telephone numbers: area code + number (0415-5189642, 0415－5189642, （0415）5189642,
 * 0415 5189642), mobiles (13904150000), and short or local numbers right after a phone label
 * (举报电话：12388, 电话：5189642).
 */
const AREA_PHONE =
  /(?<![\d-])(?:[（(]0\d{2,3}[）)]\s*|0\d{2,3}\s*[-－—–]{1,2}\s*|0\d{2,3}\s)\d{7,8}(?:\s*[-－]\s*\d{1,5}(?![\d.:]))?(?!\d)/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const LABELLED_LOCAL = /(?:电话|热线|手机|传真)(?:号码)?\s*[：:为]?\s*(\d{5,8})(?![\d:：.-])/g;

export type PhoneMatch = { index: number; text: string };

/** Phone numbers in `text`, in order, as written. */
export function findPhones(text: string): PhoneMatch[] {
  const folded = foldDigits(text);
  const found: PhoneMatch[] = [];
  const taken: [number, number][] = [];
  const add = (index: number, length: number) => {
    if (taken.some(([s, e]) => index < e && index + length > s)) return;
    taken.push([index, index + length]);
    found.push({ index, text: text.slice(index, index + length) });
  };
  for (const m of folded.matchAll(AREA_PHONE)) add(m.index, m[0].length);
  for (const m of folded.matchAll(MOBILE)) add(m.index, m[0].length);
  for (const m of folded.matchAll(LABELLED_LOCAL)) {
    const num = m[1] ?? '';
    add(m.index + m[0].length - num.length, num.length);
  }
  return found.sort((a, b) => a.index - b.index);
}

const ADDRESS_LABEL =
  /(?:(?:通信地址|通讯地址|联系地址|邮寄地址|来信地址|邮政信箱|信箱地址|办公地址|地址)\s*[：:]|来信请寄至?[：:]?|信件请寄至?[：:]?|来信寄至[：:]?)\s*(?=\S)/g;
/** Where an address ends: a clause end, or the next contact item. */
const ADDRESS_END = /[；;。\n]|[，,、\s]*[（(]?\s*(?:邮编|邮政编码|联系电话|电话|电子邮箱|邮箱|联系人|传真|E-?mail)/i;
const POSTCODE = /(?:邮编|邮政编码)\s*[：:为]?\s*(\d{6})(?!\d)/;
const EMAIL = /[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

export function findAddress(text: string): string | undefined {
  for (const m of text.matchAll(ADDRESS_LABEL)) {
    const after = text.slice(m.index + m[0].length);
    const end = after.search(ADDRESS_END);
    const address = (end >= 0 ? after.slice(0, end) : after).replace(/[，,\s]+$/, '').trim();
    if (address.length >= 2) return address;
  }
  return undefined;
}

/** Contacts in `text` (normally the closing part of a notice). */
export function extractContacts(text: string): Contacts {
  const contacts: Contacts = { phones: [...new Set(findPhones(text).map((p) => p.text.trim()))] };
  const address = findAddress(text);
  if (address) contacts.address = address;
  const postcode = POSTCODE.exec(foldDigits(text))?.[1];
  if (postcode) contacts.postcode = postcode;
  const email = EMAIL.exec(text)?.[0];
  if (email) contacts.email = email;
  return contacts;
}
