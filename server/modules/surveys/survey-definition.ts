import type { SurveyDefinition, SurveyType } from '../../../contracts/surveys.ts';
import type { FieldIssue } from '../../platform/errors.ts';

/**
 * Rules on a survey definition beyond its shape (pure): ids unique, at most one question per
 * headline role, the headline scales the scoring expects (CSAT 1–5, NPS 0–10), SERVQUAL items
 * only with the SERVQUAL scale, and what each type must ask.
 */
export function definitionIssues(type: SurveyType, definition: SurveyDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const roles = new Set<string>();
  definition.questions.forEach((q, i) => {
    const path = `body.definition.questions.${i}`;
    if (seen.has(q.id)) issues.push({ path: `${path}.id`, message: `duplicate question id ${q.id}` });
    seen.add(q.id);
    if (q.kind === 'scale' && q.role) {
      if (roles.has(q.role)) issues.push({ path: `${path}.role`, message: `only one question can carry the ${q.role} score` });
      roles.add(q.role);
      if (q.role === 'csat' && (q.scale.min !== 1 || q.scale.max !== 5)) issues.push({ path: `${path}.scale`, message: 'a CSAT question is asked on 1–5' });
      if (q.role === 'nps' && (q.scale.min !== 0 || q.scale.max !== 10)) issues.push({ path: `${path}.scale`, message: 'an NPS question is asked on 0–10' });
    }
    if (q.kind === 'servqual' && !definition.servqual) issues.push({ path: `${path}`, message: 'SERVQUAL items need definition.servqual (form and scale)' });
    if ((q.kind === 'choice' || q.kind === 'allocation') && new Set(q.options.map((o) => o.id)).size !== q.options.length) {
      issues.push({ path: `${path}.options`, message: 'option ids must be unique' });
    }
  });
  const needs: Partial<Record<SurveyType, string>> = { csat: 'csat', ces: 'ces', nps: 'nps' };
  const role = needs[type];
  if (role && !roles.has(role)) issues.push({ path: 'body.definition.questions', message: `a ${type} survey needs a scale question with role ${role}` });
  if (type !== 'servqual' && definition.questions.some((q) => q.kind === 'servqual')) {
    issues.push({ path: 'body.definition.questions', message: 'SERVQUAL items belong in a servqual survey' });
  }
  if (type !== 'kano' && definition.questions.some((q) => q.kind === 'kano')) {
    issues.push({ path: 'body.definition.questions', message: 'Kano features belong in a kano survey' });
  }
  return issues;
}

/** Why a survey cannot be sent yet (a Kano study without features), or null. */
export function unsendableReason(definition: SurveyDefinition): string | null {
  if (definition.questions.length === 0) return 'The survey has no questions yet (Kano: add the features of this study)';
  return null;
}
