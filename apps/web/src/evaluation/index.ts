/** The rating widget (好差评) for an application page: `<EvaluationPanel applicationId={id} />`. */
export { EvaluationPanel } from './EvaluationPanel';
