/**
 * Shapes of the demo content. Every language tells the same eleven stories
 * (so each scenario has one category, team and tag set), in its own words.
 *
 * Placeholders in texts:
 *   {name}      how the customer is addressed (given name)
 *   {fullname}  the customer's full name
 *   {agent}     the agent's signature name
 *   {order}     an order number such as LL-204871
 *   {c:x|y}     x for a male customer, y for a female one (Thai particles,
 *               Vietnamese anh/chị, Czech verb endings, Malay Encik/Puan)
 *   {a:x|y}     the same for the agent writing the line
 */

export type Locale = 'en' | 'th' | 'vi' | 'cs' | 'ms';
export const LOCALES: readonly Locale[] = ['en', 'th', 'vi', 'cs', 'ms'];

export type Gender = 'm' | 'f';

export type ScenarioKey =
  | 'late_delivery'
  | 'refund_request'
  | 'wrong_size'
  | 'billing_question'
  | 'password_reset'
  | 'product_defect'
  | 'installation_visit'
  | 'warranty_claim'
  | 'address_change'
  | 'product_question'
  | 'invoice_request';

export interface ScriptLine {
  /** customer: a message from the customer; agent: a public reply; note: an internal note. */
  by: 'customer' | 'agent' | 'note';
  text: string;
  /** Status the agent sets together with this reply. */
  status?: 'pending' | 'solved';
}

export interface ScenarioText {
  subject: string;
  lines: ScriptLine[];
}

/** A customer name: [full name, name used to address them, ASCII for the email address, gender]. */
export type CustomerName = readonly [full: string, short: string, ascii: string, gender: Gender];

export interface LanguageContent {
  locale: Locale;
  scenarios: Record<ScenarioKey, ScenarioText>;
  customers: readonly CustomerName[];
}
