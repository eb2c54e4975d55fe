/**
 * The identifiers Slack sends back to the bot: callback ids of modals, action ids of buttons.
 * Listeners and views import them from here so a renamed button cannot lose its listener.
 */
export const CallbackId = {
  /** The registration modal: one view per step, updated in place as the applicant advances. */
  Registration: 'cers_registration',
  UserAccountForm: 'cers_user_account',
  BusinessAccountForm: 'cers_business_account',
  /** Business accounts (`/cers accounts`): memberships, and per account members and messages. */
  Accounts: 'cers_accounts',
  AccessRequestForm: 'cers_access_request',
  /** Reject a request, with an optional reason. private_metadata: the request button's value. */
  RejectRequestForm: 'cers_reject_request',
  AddMemberForm: 'cers_add_member',
  ChangeRoleForm: 'cers_change_role',
  ContactForm: 'cers_business_contact',
  TransferOwnershipForm: 'cers_transfer_ownership',
  DeleteBusinessForm: 'cers_delete_business',
  /** Reject a request from the pending-request list. private_metadata: the request button's value. */
  RejectPendingRequestForm: 'cers_pending_reject_reason',
  /** A new version of the Terms and Conditions to accept before the next action (bot/terms/). */
  Terms: 'cers_terms',
  /** The person's profile (`/cers profile`), prefilled; then the code sent to a new e-mail address. */
  ProfileForm: 'cers_profile',
  /** private_metadata.subject: the profile change's workflow id (re-checked against the submitter). */
  EmailCodeForm: 'cers_email_code',
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
  /** Issues a sign-in link for the provider in the value (two ids: two buttons in one block). */
  SignIn: 'cers_sign_in',
  SignInPartner: 'cers_sign_in_partner',
  /** The link button itself. Value: the link id; the click arms the link for this applicant. */
  OpenSignInLink: 'cers_open_sign_in_link',
  /** Value: the Terms and Conditions version shown. */
  AcceptTerms: 'cers_accept_terms',
  DeclineTerms: 'cers_decline_terms',
  OpenBusinessForm: 'cers_open_business_form',
  BackToBusinessChoice: 'cers_back_to_business_choice',
  JoinExistingBusiness: 'cers_join_existing_business',
  StartAgain: 'cers_start_again',

  /** On a decider's message. Value: `<workflow id>|<run id>` of the request. */
  ApproveRequest: 'cers_request_approve',
  RejectRequest: 'cers_request_reject',
  /** Opens the business accounts modal (Home tab, messages). */
  OpenAccounts: 'cers_open_accounts',
  RequestAccess: 'cers_request_access',
  /** In the accounts modal. Value: the business account id. */
  ShowMembers: 'cers_show_members',
  ShowMessages: 'cers_show_messages',
  AddMember: 'cers_add_member',
  EditContact: 'cers_edit_contact',
  TransferOwnership: 'cers_transfer_ownership',
  DeleteBusiness: 'cers_delete_business',
  BackToAccounts: 'cers_back_to_accounts',
  /** In the accounts modal, on a membership: the clicker leaves. Value: the business account id. */
  LeaveBusiness: 'cers_leave_business',
  /** In the accounts modal, on the clicker's own pending request. Value: `<workflow id>|<run id>`. */
  WithdrawRequest: 'cers_withdraw_request',
  /** After the owner chose the new owner. Value: `<business account id>:<user account id>`. */
  ConfirmTransfer: 'cers_confirm_transfer',
  /** In the member list. Value: `<business account id>:<user account id>`. */
  ChangeRole: 'cers_change_role',
  RemoveMember: 'cers_remove_member',
  /** In the pending-request list (accounts modal, Home tab). Value: `<workflow id>|<run id>` of the request. */
  ApprovePendingRequest: 'cers_pending_approve',
  RejectPendingRequest: 'cers_pending_reject',
  /** In the accounts modal, for owners and proxies: the business account's history. Value: its id. */
  ShowHistory: 'cers_show_history',
  /**
   * Paging a business account's history or messages. Value: a page token,
   * `<business account id>:<time in ms>:<row id>` (bot/history/page-tokens.ts).
   */
  HistoryOlder: 'cers_history_older',
  HistoryNewer: 'cers_history_newer',
  MessagesOlder: 'cers_messages_older',
  MessagesNewer: 'cers_messages_newer',
  /**
   * A registered person registers a business account (another one, or after joining others or
   * deleting one): on the completed registration modal, the Home tab and `/cers accounts`.
   */
  RegisterBusinessAccount: 'cers_register_business_account',
  /** "Not now" at the business step of such a run: it ends, nothing registered. */
  CancelBusinessAccount: 'cers_cancel_business_account',
  /** A registered person accepts a new Terms and Conditions version. Value: that version. */
  AcceptNewTerms: 'cers_accept_new_terms',
  /** Opens the profile modal (Home tab). */
  OpenProfile: 'cers_open_profile',
  /** In the e-mail code modal. Value: the profile change's workflow id. */
  ResendEmailCode: 'cers_resend_email_code',
} as const;

/** Every input element's action id: the block id alone names the field (see views/forms.ts). */
export const FIELD_ACTION_ID = 'value';
