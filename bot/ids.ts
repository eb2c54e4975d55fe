/**
 * The identifiers Slack sends back to the bot: callback ids of modals, action ids of buttons.
 * Listeners and views import them from here so a renamed button cannot lose its listener.
 */
export const CallbackId = {
  /** The registration modal: one view per step, updated in place as the applicant advances. */
  Registration: 'cers_registration',
  UserAccountForm: 'cers_user_account',
  BusinessAccountForm: 'cers_business_account',
} as const;

export const ActionId = {
  /** Opens the registration modal from a message or the Home tab. */
  OpenRegistration: 'cers_open_registration',
  /**
   * Development only: stands in for the credential provider's callback. Value: the provider. Two
   * buttons in one block need two action ids (Slack requires them unique per block): the listener
   * matches both by prefix.
   */
  SimulateSignIn: 'cers_simulate_sign_in',
  SimulatePartnerSignIn: 'cers_simulate_sign_in_partner',
  /** Value: the Terms and Conditions version shown. */
  AcceptTerms: 'cers_accept_terms',
  DeclineTerms: 'cers_decline_terms',
  OpenBusinessForm: 'cers_open_business_form',
  BackToBusinessChoice: 'cers_back_to_business_choice',
  JoinExistingBusiness: 'cers_join_existing_business',
  StartAgain: 'cers_start_again',
} as const;

/** Every input element's action id: the block id alone names the field (see views/forms.ts). */
export const FIELD_ACTION_ID = 'value';
