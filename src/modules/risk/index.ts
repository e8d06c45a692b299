// Risk: signals and the recommendation they add up to. For now the signals intake can see on
// the order itself; customer analysis against history extends this module.
export { assessIntake, type RiskAssessment, type RiskReason } from './intake-signals.ts';
