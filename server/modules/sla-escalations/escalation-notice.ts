/** The text of an SLA warning or escalation notice (in-app and email). Pure. */

export interface NoticeInput {
  ticketNumber: number;
  ticketSubject: string;
  metric: string;
  offsetMinutes: number;
  dueAt: Date;
  /** Business-mode target: the offset counts business minutes. */
  business: boolean;
}

export interface NoticeText {
  kind: 'sla_warning' | 'sla_escalated';
  subject: string;
  body: string;
}

export function escalationNotice(input: NoticeInput): NoticeText {
  const what = input.metric.replaceAll('_', ' ');
  const ticket = `#${input.ticketNumber}`;
  const about = `Ticket ${ticket} "${input.ticketSubject}"`;
  const due = input.dueAt.toISOString();
  const span = duration(Math.abs(input.offsetMinutes), input.business);
  if (input.offsetMinutes < 0) {
    return {
      kind: 'sla_warning',
      subject: `SLA warning: ${ticket} ${what} due in ${span}`,
      body: `${about}: the ${what} is due at ${due}, ${span} from now.`,
    };
  }
  if (input.offsetMinutes === 0) {
    return {
      kind: 'sla_escalated',
      subject: `SLA breached: ${ticket} ${what} is due now`,
      body: `${about}: the ${what} was due at ${due} and has not happened.`,
    };
  }
  return {
    kind: 'sla_escalated',
    subject: `SLA escalation: ${ticket} ${what} overdue by ${span}`,
    body: `${about}: the ${what} was due at ${due}; it is ${span} overdue.`,
  };
}

function duration(minutes: number, business: boolean): string {
  const unit = minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  return business ? `${unit} of business time` : unit;
}
