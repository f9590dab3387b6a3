import type { TicketPriority } from '../../../platform/schema.ts';
import type { TeamKey } from './company.ts';
import type { ScenarioKey } from './types.ts';

export type DemoChannel = 'email' | 'web_form' | 'chat' | 'phone' | 'visit' | 'webhook' | 'api';
export const DEMO_CHANNELS: readonly DemoChannel[] = ['email', 'web_form', 'chat', 'phone', 'visit', 'webhook', 'api'];

/**
 * What does not depend on the language: how a scenario is filed and routed,
 * how often it happens and through which channels it tends to arrive
 * (webhook = the marketplace integration, api = the company's mobile app).
 */
export interface ScenarioMeta {
  category: string;
  tags: string[];
  team: TeamKey;
  priority: TicketPriority;
  /** Relative frequency among all tickets. */
  weight: number;
  channels: Partial<Record<DemoChannel, number>>;
  /** Tag the agent adds when writing the internal note. */
  noteTag?: string;
  /** Whether the texts mention an order number ({order}). */
  hasOrder: boolean;
}

export const SCENARIOS: Record<ScenarioKey, ScenarioMeta> = {
  late_delivery: {
    category: 'delivery', tags: ['delivery', 'late'], team: 'support', priority: 'normal', weight: 14, hasOrder: true,
    channels: { email: 4, chat: 3, web_form: 2, phone: 2, webhook: 1 }, noteTag: 'carrier-issue',
  },
  refund_request: {
    category: 'refund', tags: ['refund', 'return'], team: 'billing', priority: 'normal', weight: 9, hasOrder: true,
    channels: { email: 4, web_form: 2, chat: 2, phone: 1, api: 1 }, noteTag: 'manual-refund',
  },
  wrong_size: {
    category: 'order_issue', tags: ['wrong-item', 'exchange'], team: 'support', priority: 'normal', weight: 8, hasOrder: false,
    channels: { email: 3, chat: 2, phone: 2, visit: 1, web_form: 1 }, noteTag: 'warehouse-error',
  },
  billing_question: {
    category: 'billing', tags: ['payment', 'double-charge'], team: 'billing', priority: 'normal', weight: 9, hasOrder: true,
    channels: { email: 4, web_form: 2, chat: 1, phone: 2 },
  },
  password_reset: {
    category: 'account', tags: ['login', 'password'], team: 'support', priority: 'low', weight: 9, hasOrder: false,
    channels: { chat: 4, email: 2, web_form: 2, api: 1 },
  },
  product_defect: {
    category: 'product_quality', tags: ['defect', 'air-purifier'], team: 'support', priority: 'high', weight: 10, hasOrder: true,
    channels: { email: 3, phone: 2, visit: 2, web_form: 1, chat: 1 }, noteTag: 'batch-2403',
  },
  installation_visit: {
    category: 'installation', tags: ['installation', 'air-conditioner'], team: 'support', priority: 'normal', weight: 9, hasOrder: true,
    channels: { phone: 3, email: 2, web_form: 2, visit: 2, chat: 1 },
  },
  warranty_claim: {
    category: 'warranty', tags: ['warranty', 'washing-machine'], team: 'support', priority: 'normal', weight: 9, hasOrder: false,
    channels: { visit: 3, phone: 3, email: 2, web_form: 1 },
  },
  address_change: {
    category: 'delivery', tags: ['address-change'], team: 'support', priority: 'high', weight: 8, hasOrder: true,
    channels: { chat: 3, phone: 2, email: 2, api: 1 },
  },
  product_question: {
    category: 'pre_sales', tags: ['pre-sales', 'dining-table'], team: 'support', priority: 'low', weight: 9, hasOrder: false,
    channels: { chat: 3, webhook: 2, api: 2, email: 1, visit: 1 },
  },
  invoice_request: {
    category: 'billing', tags: ['invoice', 'b2b'], team: 'billing', priority: 'normal', weight: 6, hasOrder: true,
    channels: { email: 4, web_form: 1, api: 1 }, noteTag: 'invoice-reissued',
  },
};

export const SCENARIO_KEYS = Object.keys(SCENARIOS) as ScenarioKey[];
