// The worker bundles this file: every workflow the service runs is exported here.
// Each workflow's Worker Versioning behaviour (set on the functions themselves).
import './versioning';

export { registrationWorkflow } from './registration/workflow';
export { roleRequestWorkflow } from './role-request/workflow';
export { accountChangeWorkflow } from './account-change/workflow';
export { liftLockWorkflow } from './support/lift-lock';
export { termsAcceptanceWorkflow } from './terms/acceptance';
export { profileChangeWorkflow } from './profile-change/workflow';
