/**
 * Every text a survey shows or sends, per language: the response page, the default questions of
 * each survey type (CSAT, CES, NPS, the 22 SERVQUAL items in expectation and perception form,
 * the Kano answers) and the invitation email. `{company}`, `{feature}`, `{field}`, `{total}`,
 * `{time}` and `{subject}` are filled in when shown.
 */
export interface SurveyTexts {
  page: {
    submit: string;
    confirm: string;
    thank_you: string;
    thank_you_updated: string;
    edit_until: string;
    already_answered: string;
    expired: string;
    closed: string;
    not_found: string;
    error_summary: string;
    required: string;
    out_of_scale: string;
    invalid_choice: string;
    too_long: string;
    optional: string;
    preselected: string;
    allocation_hint: string;
    allocation_renormalized: string;
  };
  csat: {
    title: string;
    question: string;
    labels: readonly [string, string, string, string, string];
    reason_question: string;
    reasons: { speed: string; friendliness: string; knowledge: string; resolution: string; communication: string; other: string };
    comment: string;
  };
  ces: { title: string; question: string; labels: readonly [string, string, string, string, string, string, string] };
  nps: { title: string; question: string; low: string; high: string; comment: string };
  servqual: {
    title: string;
    intro: string;
    columns: { expectation: string; perception: string; adequate: string; desired: string };
    scale_low: string;
    scale_high: string;
    dimensions: { tangibles: string; reliability: string; responsiveness: string; assurance: string; empathy: string };
    allocation: string;
    /** The 22 items, each [expectation, perception], in the published order. */
    items: readonly (readonly [string, string])[];
  };
  kano: {
    title: string;
    intro: string;
    answers: { like: string; expect: string; neutral: string; live_with: string; dislike: string };
    functional: string;
    dysfunctional: string;
  };
  custom: { title: string };
  email: {
    subject_rating: string;
    subject_survey: string;
    subject_reminder: string;
    greeting: string;
    body_rating: string;
    body_survey: string;
    open_link: string;
    footer: string;
  };
}
