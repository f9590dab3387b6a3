import { type BranchKey, ORGANIZATIONS, PUBLIC_MAIL_DOMAINS, REGIONS, type TierKey } from './content/company.ts';
import { CONTENT } from './content/index.ts';
import { type Gender, LOCALES, type Locale } from './content/types.ts';
import type { DemoRandom } from './demo-random.ts';

export interface CustomerPlan {
  index: number;
  name: string;
  /** How agents address them ({name} in the scripts). */
  short: string;
  gender: Gender;
  locale: Locale;
  timeZone: string;
  branch: BranchKey;
  email: string | null;
  phone: string | null;
  /** Key of one of ORGANIZATIONS. */
  organization: string | null;
  /** Their own tier; members of an organization take the organization's. */
  tier: TierKey | null;
}

function fillDigits(format: string, rng: DemoRandom): string {
  return format.replace(/#/g, () => String(rng.int(0, 9)));
}

/**
 * The customers: every name of every language file, some working for one of
 * the organizations (with an address at its domain and both identities),
 * the others private buyers with an email address, a phone number or both.
 */
export function planCustomers(rng: DemoRandom): CustomerPlan[] {
  const customers: CustomerPlan[] = [];
  const emails = new Set<string>();
  for (const locale of LOCALES) {
    const names = CONTENT[locale].customers;
    // Which of this language's customers work for which organization.
    const order = rng.shuffle(names.map((_, i) => i));
    const orgOf = new Map<number, string>();
    for (const org of ORGANIZATIONS.filter((o) => o.locale === locale)) {
      for (let k = 0; k < org.members; k++) {
        const i = order.shift();
        if (i !== undefined) orgOf.set(i, org.key);
      }
    }
    names.forEach(([full, short, ascii, gender], i) => {
      const region = REGIONS[locale];
      const zone = rng.int(0, region.timeZones.length - 1);
      const timeZone = region.timeZones[zone] as string;
      const format = region.phoneFormats.length === region.timeZones.length ? (region.phoneFormats[zone] as string) : rng.pick(region.phoneFormats);
      const phoneNumber = fillDigits(format, rng);
      const orgKey = orgOf.get(i) ?? null;
      const org = ORGANIZATIONS.find((o) => o.key === orgKey);
      const contact = rng.float();
      const tierRoll = rng.float();
      const domain = org ? org.domain : rng.pick(PUBLIC_MAIL_DOMAINS);
      let email: string | null = `${ascii}@${domain}`;
      if (emails.has(email)) email = `${ascii}${i}@${domain}`;
      emails.add(email);
      // Private buyers: 55% only email, 15% only phone, 30% both.
      const hasEmail = org !== undefined || contact < 0.85;
      const hasPhone = org !== undefined || contact >= 0.55;
      customers.push({
        index: customers.length,
        name: full,
        short,
        gender,
        locale,
        timeZone,
        branch: timeZone.startsWith('Europe/') ? 'prague' : 'bangkok',
        email: hasEmail ? email : null,
        phone: hasPhone ? phoneNumber : null,
        organization: orgKey,
        tier: org ? null : tierRoll < 0.3 ? null : tierRoll < 0.85 ? 'standard' : tierRoll < 0.97 ? 'gold' : 'platinum',
      });
    });
  }
  return customers;
}

/** The tier a customer's tickets are filed under: their own, else their organization's. */
export function effectiveTier(customer: CustomerPlan): TierKey | null {
  return customer.tier ?? ORGANIZATIONS.find((o) => o.key === customer.organization)?.tier ?? null;
}
