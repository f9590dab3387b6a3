import type { Gender, Locale } from './types.ts';

/**
 * The demo company: Lotus & Linden, a home furniture and appliance retailer
 * with showrooms in Bangkok and Prague and support staff in Bangkok, Prague,
 * Ho Chi Minh City and Kuala Lumpur. It delivers, installs and repairs, so
 * its tickets cover orders, billing, installation visits and warranty.
 * Email domains are under .example (RFC 2606): the demo never mails anyone real.
 */

export const DEMO_PASSWORD = 'gapwise-demo';
export const STAFF_DOMAIN = 'lotus-linden.example';

export type TeamKey = 'support' | 'billing';
export type BranchKey = 'bangkok' | 'prague';
export type TierKey = 'standard' | 'gold' | 'platinum';

export interface DemoAgent {
  key: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  gender: Gender;
  /** Languages the agent answers in; tickets are assigned to someone who speaks the customer's. */
  speaks: Locale[];
  teams: TeamKey[];
  locale: Locale;
  timeZone: string;
  /** Name under replies; per language when the customer's script differs (Thai). */
  signature: string;
  signatureIn?: Partial<Record<Locale, string>>;
}

export const AGENTS: readonly DemoAgent[] = [
  { key: 'pimchanok', name: 'Pimchanok Srisuk', role: 'admin', gender: 'f', speaks: ['th', 'en'], teams: [], locale: 'th', timeZone: 'Asia/Bangkok', signature: 'Pimchanok', signatureIn: { th: 'พิมพ์ชนก' } },
  { key: 'siriporn', name: 'Siriporn Wongsakul', role: 'supervisor', gender: 'f', speaks: ['th', 'en'], teams: ['support', 'billing'], locale: 'th', timeZone: 'Asia/Bangkok', signature: 'Siriporn', signatureIn: { th: 'ศิริพร' } },
  { key: 'jana', name: 'Jana Dvořáková', role: 'supervisor', gender: 'f', speaks: ['cs', 'en'], teams: ['support', 'billing'], locale: 'cs', timeZone: 'Europe/Prague', signature: 'Jana Dvořáková' },
  { key: 'kittipong', name: 'Kittipong Chaiyaporn', role: 'agent', gender: 'm', speaks: ['th', 'en'], teams: ['support'], locale: 'th', timeZone: 'Asia/Bangkok', signature: 'Kittipong', signatureIn: { th: 'กิตติพงษ์' } },
  { key: 'ananya', name: 'Ananya Boonmee', role: 'agent', gender: 'f', speaks: ['th', 'en'], teams: ['billing'], locale: 'th', timeZone: 'Asia/Bangkok', signature: 'Ananya', signatureIn: { th: 'อนัญญา' } },
  { key: 'petr', name: 'Petr Svoboda', role: 'agent', gender: 'm', speaks: ['cs', 'en'], teams: ['support'], locale: 'cs', timeZone: 'Europe/Prague', signature: 'Petr Svoboda' },
  { key: 'lan', name: 'Nguyễn Thị Lan', role: 'agent', gender: 'f', speaks: ['vi', 'en'], teams: ['support'], locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh', signature: 'Lan' },
  { key: 'khoa', name: 'Trần Minh Khoa', role: 'agent', gender: 'm', speaks: ['vi', 'en'], teams: ['billing'], locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh', signature: 'Khoa' },
  { key: 'nurul', name: 'Nurul Aisyah binti Ahmad', role: 'agent', gender: 'f', speaks: ['ms', 'en'], teams: ['support'], locale: 'ms', timeZone: 'Asia/Kuala_Lumpur', signature: 'Nurul' },
  { key: 'hafiz', name: 'Muhammad Hafiz bin Ismail', role: 'agent', gender: 'm', speaks: ['ms', 'en'], teams: ['billing'], locale: 'ms', timeZone: 'Asia/Kuala_Lumpur', signature: 'Hafiz' },
];

export const TEAMS: readonly { key: TeamKey; name: string; description: string }[] = [
  { key: 'support', name: 'Support', description: 'Orders, delivery, installation, product and warranty questions' },
  { key: 'billing', name: 'Billing', description: 'Payments, refunds and invoices' },
];

export const BRANCHES: readonly { key: BranchKey; name: string; code: string; timeZone: string; address: string }[] = [
  { key: 'bangkok', name: 'Bangkok', code: 'BKK', timeZone: 'Asia/Bangkok', address: '99 North Sathorn Road, Silom, Bang Rak, Bangkok 10500, Thailand' },
  { key: 'prague', name: 'Prague', code: 'PRG', timeZone: 'Europe/Prague', address: 'Na Florenci 12, 110 00 Praha 1, Czech Republic' },
];

/** Supervisor who triages (assigns) the tickets of each branch. */
export const TRIAGE_BY_BRANCH: Record<BranchKey, string> = { bangkok: 'siriporn', prague: 'jana' };

export const TIERS: readonly { key: TierKey; name: string; rank: number; description: string; minAnnualRevenue: string | null }[] = [
  { key: 'standard', name: 'Standard', rank: 1, description: 'Every customer', minAnnualRevenue: null },
  { key: 'gold', name: 'Gold', rank: 2, description: 'Annual revenue from 50,000 USD', minAnnualRevenue: '50000' },
  { key: 'platinum', name: 'Platinum', rank: 3, description: 'Annual revenue from 250,000 USD; named account manager', minAnnualRevenue: '250000' },
];

export interface DemoOrganization {
  key: string;
  name: string;
  domain: string;
  tier: TierKey;
  annualRevenue: string;
  margin: string;
  locale: Locale;
  /** How many of the customers speaking `locale` work there. */
  members: number;
  notes: string;
}

export const ORGANIZATIONS: readonly DemoOrganization[] = [
  { key: 'siam', name: 'Siam Riverside Hotels Co., Ltd.', domain: 'siamriverside.example', tier: 'platinum', annualRevenue: '420000', margin: '0.24', locale: 'th', members: 5, notes: 'Furnishes 3 riverside hotels; renovation programme until next year.' },
  { key: 'chaophraya', name: 'Chao Phraya Co-working', domain: 'chaophraya-cowork.example', tier: 'standard', annualRevenue: '18000', margin: '0.18', locale: 'th', members: 3, notes: 'Desks and chairs for two co-working floors.' },
  { key: 'saigonxanh', name: 'Công ty TNHH Sài Gòn Xanh', domain: 'saigonxanh.example', tier: 'gold', annualRevenue: '96000', margin: '0.21', locale: 'vi', members: 4, notes: 'Café chain in Ho Chi Minh City; coffee machines and furniture.' },
  { key: 'vltava', name: 'Vltava Office Park s.r.o.', domain: 'vltavapark.example', tier: 'gold', annualRevenue: '130000', margin: '0.19', locale: 'cs', members: 4, notes: 'Office park in Prague-Karlín; air conditioning and fit-outs.' },
  { key: 'moravia', name: 'Moravia Dental s.r.o.', domain: 'moraviadental.example', tier: 'platinum', annualRevenue: '310000', margin: '0.27', locale: 'cs', members: 4, notes: 'Chain of 9 dental clinics; waiting-room furniture and air purifiers.' },
  { key: 'petaling', name: 'Petaling Home Living Sdn Bhd', domain: 'petalinghome.example', tier: 'standard', annualRevenue: '24000', margin: '0.15', locale: 'ms', members: 3, notes: 'Serviced apartments in Petaling Jaya.' },
  { key: 'penang', name: 'Penang Heritage Stays', domain: 'penangheritage.example', tier: 'gold', annualRevenue: '88000', margin: '0.22', locale: 'en', members: 4, notes: 'Boutique guesthouses in George Town.' },
];

/**
 * Where customers of each language live: time zones and phone number formats
 * (# is a random digit), paired by position when there are as many of each.
 * Europe is served from Prague, Asia from Bangkok.
 */
export const REGIONS: Record<Locale, { timeZones: string[]; phoneFormats: string[] }> = {
  th: { timeZones: ['Asia/Bangkok'], phoneFormats: ['+66 81 ### ####', '+66 86 ### ####', '+66 89 ### ####', '+66 92 ### ####'] },
  vi: { timeZones: ['Asia/Ho_Chi_Minh'], phoneFormats: ['+84 90 ### ####', '+84 91 ### ####', '+84 93 ### ####', '+84 98 ### ####'] },
  ms: { timeZones: ['Asia/Kuala_Lumpur'], phoneFormats: ['+60 12-### ####', '+60 13-### ####', '+60 17-### ####', '+60 19-### ####'] },
  cs: { timeZones: ['Europe/Prague'], phoneFormats: ['+420 602 ### ###', '+420 725 ### ###', '+420 777 ### ###', '+420 604 ### ###'] },
  // +44 7700 900### is the UK range reserved for drama: never a real subscriber.
  en: {
    timeZones: ['Asia/Bangkok', 'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Europe/Prague', 'Europe/London'],
    phoneFormats: ['+66 83 ### ####', '+65 9### ####', '+60 16-### ####', '+420 731 ### ###', '+44 7700 900###'],
  },
};

/** UTC offset in hours of the time zones above, to place messages in local office hours. */
export const UTC_OFFSET: Record<string, number> = {
  'Asia/Bangkok': 7,
  'Asia/Ho_Chi_Minh': 7,
  'Asia/Kuala_Lumpur': 8,
  'Asia/Singapore': 8,
  'Europe/Prague': 1,
  'Europe/London': 0,
};

export const PUBLIC_MAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];
