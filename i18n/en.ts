/** The English catalogue, which defines the keys (see catalogue.ts). Its length is its content. */
import { plural } from './grammar';

export const en = {
  'validation.required': 'This field is required.',
  'validation.too_long': 'This is too long.',
  'validation.invalid_characters': 'This contains characters that are not allowed.',
  'validation.name_characters': 'Use letters, spaces, apostrophes, periods and hyphens only.',
  'validation.email_malformed': 'Enter an e-mail address like name@example.ca.',
  'validation.phone_malformed':
    'Enter a telephone number like 613-555-0100, or +44 20 7946 0000 outside North America.',
  'validation.country_code': 'Use the 2-letter country code, for example CA.',
  'validation.province_code': 'Use the 2-letter province or territory code, for example ON.',
  'validation.postal_code': 'Enter a Canadian postal code like K1A 0B1.',
  'validation.shared_secret_format':
    'The activation code (shared secret) from CBSA has at least 8 characters; copy it exactly from the e-mail.',
  'validation.slack_id': 'This is not a Slack identifier.',
  'validation.unrecognized_keys': 'This field is not expected here.',
  'validation.invalid_type': 'This field has the wrong type.',
  'validation.invalid_value': 'Choose one of the allowed values.',
  'validation.business_number.empty': 'Enter your 15-character business number, for example 123456782RM0001.',
  'validation.business_number.invalid_characters':
    'The business number may contain only digits and letters (spaces and dashes are ignored).',
  'validation.business_number.wrong_length': plural('length', {
    one: 'A business number for exports has 15 characters (9 digits, RM, 4 digits); you entered {length} character.',
    other: 'A business number for exports has 15 characters (9 digits, RM, 4 digits); you entered {length} characters.',
  }),
  'validation.business_number.root_not_digits': 'The first 9 characters of the business number must be digits.',
  'validation.business_number.check_digit':
    'The 9-digit business number root fails its check digit: one of the digits is probably mistyped. Compare it with your CRA documents.',
  'validation.business_number.program_not_letters':
    'Characters 10 and 11 of the business number must be the letters of the program account, RM for exports.',
  'validation.business_number.wrong_program':
    'Exports use the RM (import-export) program account; you entered {program|with_article} account. Use the number that ends in RM followed by 4 digits.',
  'validation.business_number.reference_not_digits':
    'The last 4 characters of the business number must be digits, for example RM0001.',
  'validation.business_number.reference_zero':
    'The program account reference cannot be 0000; CRA numbers them from 0001.',
  'failure.invalid_input': 'Some fields need correcting.',
  'failure.wrong_step': 'Your registration is at the {step} step; this belongs to another step.',
  'failure.terms_version': 'The Terms and Conditions changed; please read and accept version {version}.',
  'failure.credential_already_linked':
    'This sign-in credential is already linked to another CERS user account. Sign in with your own credential, or call the TCCU at 1-888-957-7224.',
  'failure.authorization_not_found':
    'CBSA has no export authorization for this business number. Check the number, or apply to CBSA with form BSF831 first.',
  'failure.shared_secret_incorrect': plural('attemptsRemaining', {
    one: 'The activation code (shared secret) is not correct. {attemptsRemaining} attempt remains before this business number is locked for 24 hours.',
    other:
      'The activation code (shared secret) is not correct. {attemptsRemaining} attempts remain before this business number is locked for 24 hours.',
  }),
  'failure.business_number_locked':
    'Too many incorrect activation codes for this business number. Try again after {lockedUntil}.',
  'failure.shared_secret_expired':
    'This activation code expired on {expiredAt} (codes are valid 90 days). Ask the CBSA Commercial Registration Unit for a new one.',
  'failure.shared_secret_used':
    'This activation code has already been used. If you did not use it, contact the CBSA Commercial Registration Unit.',
  'failure.business_number_registered':
    'A CERS business account already exists for this business number. Ask its owner to add you with your URN.',
  'failure.input_too_large': 'This message is too large to be accepted. Send only the information the form asks for.',
  'failure.input_not_encrypted':
    'This message was not sent through CERS’s secure channel, so it was refused. Use the CERS app or client.',
  'failure.input_undecodable':
    'This message could not be read (it is damaged or was sealed with an unknown key), so it was refused.',
  'failure.service_unavailable':
    'CERS is busy or a service it needs did not answer. Nothing was lost; please send the same information again in a few minutes.',
  'policy.not_member': 'You have no role in this business account.',
  'policy.role_cannot': 'Your role in this business account does not allow this.',
  'policy.owner_protected':
    'Nobody can remove or demote the owner of a business account; the owner can transfer ownership to another member.',
  'policy.owner_only_by_transfer': 'The owner role is not assigned: the owner transfers ownership, and both confirm.',
  'policy.proxy_limits': 'A proxy can add, change or remove only account users and account browsers, not proxies.',
  'policy.own_request': 'You cannot approve your own request; another owner or proxy must decide.',
  'policy.owner_must_transfer':
    'The owner cannot leave the business account: transfer ownership to a member first, then leave as a proxy.',
  // The Slack bot. Modal titles, submit and close labels: at most 24 characters (Slack's limit).
  'bot.language.name': 'English',
  'bot.modal.title': 'CERS registration',
  'bot.modal.close': 'Close',
  'bot.modal.done': 'Done',
  'bot.modal.cancel': 'Cancel',
  'bot.step.progress': 'Step {number} of {total}',
  'bot.step.credential': 'Sign in',
  'bot.step.terms': 'Terms and Conditions',
  'bot.step.userAccount': 'User account',
  'bot.step.businessAccount': 'Business account',
  'bot.step.completed': 'Registration complete',
  'bot.step.expired': 'Registration expired',
  'bot.step.cancelled': 'Registration ended',
  'bot.credential.intro':
    'Sign in with the credential you will use for the CERS Portal: a *GCKey*, or a *Sign-In Partner* (the online banking of a participating bank). CERS receives only an anonymous identifier, never your name or password.',
  'bot.credential.simulated_warning':
    ':construction: *Development only.* Buttons marked (dev) stand in for a provider that is not connected here: they pretend that a sign-in succeeded.',
  'bot.credential.simulate_gckey': 'Simulate GCKey sign-in (dev)',
  'bot.credential.simulate_partner': 'Simulate Sign-In Partner (dev)',
  'bot.credential.unavailable':
    'Sign-in is not set up on this installation yet, so registration cannot start. Please tell your administrator.',
  'bot.terms.intro':
    'Before your user account is created, read and accept the CERS Portal Terms and Conditions (version {version}).',
  'bot.terms.summary':
    '• You use the CERS Portal only to report exports for businesses you are authorized to act for.\n• You keep your credential and activation codes to yourself, and tell CBSA if you think someone else used them.\n• The information you give CBSA is true and complete; CBSA may verify it.\n• CBSA records your activity in the portal and may suspend an account that is misused.',
  'bot.terms.accept': 'Accept',
  'bot.terms.decline': 'Decline',
  'bot.terms.decline_confirm.title': 'Decline the terms?',
  'bot.terms.decline_confirm.text':
    'You cannot register without accepting them. Declining ends this registration; you can start again at any time with /cers.',
  'bot.terms.decline_confirm.confirm': 'Decline and end',
  'bot.terms.decline_confirm.deny': 'Go back',
  'bot.user_account.title': 'Your user account',
  'bot.user_account.submit': 'Create account',
  'bot.user_account.intro': 'Your name and contact information, as CBSA should know them. Every field is required.',
  'bot.user_account.given_name': 'Given name',
  'bot.user_account.family_name': 'Family name',
  'bot.user_account.email': 'E-mail',
  'bot.user_account.email_hint': 'CBSA and the owners of your business reach you here.',
  'bot.user_account.phone': 'Telephone',
  'bot.user_account.phone_hint': 'For example 613-555-0100; outside North America start with + and the country code.',
  'bot.user_account.language': 'Language of your messages',
  'bot.user_account.language_hint': 'Every message from CERS Onboard will be in this language from now on.',
  'bot.business.choice':
    'Your user account is ready. Does your business need a CERS business account, or has someone already registered it?',
  'bot.business.register': 'Register my business',
  'bot.business.register_hint':
    'You need the business number and the activation code (shared secret) CBSA e-mailed you.',
  'bot.business.join': "I'm joining an existing business",
  'bot.business.join_hint': 'The owner of the business account adds you with your URN, family name and e-mail.',
  'bot.business.join_confirm.title': 'Finish without a business?',
  'bot.business.join_confirm.text':
    'Your registration completes with your user account only. Give the owner of your business your URN, family name and e-mail so they can add you.',
  'bot.business.join_confirm.confirm': 'Finish',
  'bot.business.title': 'Business account',
  'bot.business.submit': 'Verify and create',
  'bot.business.back': 'Back',
  'bot.business.intro':
    'You become the owner of the business account: the one person who can update or delete it and assign any role.',
  'bot.business.business_number': 'Business number',
  'bot.business.business_number_hint':
    'All 15 characters of your import-export (RM) program account, for example 123456782RM0001.',
  'bot.business.shared_secret': 'Activation code (shared secret)',
  'bot.business.shared_secret_hint':
    'From the CBSA e-mail that approved your BSF831. It is valid for 90 days and works once.',
  'bot.business.shared_secret_warning':
    ':lock: *Never share your activation code*, not even with CBSA staff. CERS Onboard never shows it back, never stores it and never writes it in a message.',
  'bot.business.retype_secret': 'For your protection the activation code was not kept: type it again.',
  'bot.business.position_title': 'Your position title',
  'bot.business.address_line1': 'Mailing address',
  'bot.business.address_line2': 'Address line 2',
  'bot.business.city': 'City',
  'bot.business.province': 'Province, territory or state',
  'bot.business.province_hint': 'In Canada, the 2-letter code, for example ON or QC.',
  'bot.business.postal_code': 'Postal code',
  'bot.business.country': 'Country',
  'bot.business.country_hint': 'The 2-letter code, for example CA.',
  'bot.business.phone': 'Business telephone',
  'bot.business.email': 'Business e-mail',
  'bot.processing.title': 'One moment…',
  'bot.processing.text':
    ':hourglass_flowing_sand: Checking with CBSA. This usually takes a few seconds; if you close this window, I will send you the result in a message.',
  'bot.loading': ':hourglass_flowing_sand: One moment, I am looking up your registration…',
  'bot.completed.intro': ':white_check_mark: Your CERS Portal registration is complete.',
  'bot.completed.urn_label': 'Your User Reference Number (URN)',
  'bot.completed.urn_help':
    'Keep it: owners add you to their business account with it, and the TCCU (1-888-957-7224) asks for it when you call.',
  'bot.completed.business_summary': '*Your business account*',
  'bot.completed.business_number': 'Business number',
  'bot.completed.role': 'Your role',
  'bot.completed.role_owner': 'Owner (Portal business account)',
  'bot.completed.position_title': 'Position title',
  'bot.completed.status': 'Status',
  'bot.completed.status_active': 'Active',
  'bot.completed.joining':
    'You have no business account yet. Give the owner of your business your URN, family name and e-mail to be added.',
  'bot.ended.expired':
    'This registration expired because nothing happened for a long time. Anything you already created, such as your user account and URN, is kept.',
  'bot.ended.cancelled':
    'You ended this registration. Anything you already created, such as your user account and URN, is kept.',
  'bot.ended.start_again': 'Start again',
  'bot.stale': 'That button belonged to an earlier step; your registration has moved on. Here is where you are now.',
  'bot.error.generic': 'Something went wrong on our side and nothing was changed. Please try again in a moment.',
  'bot.error.after_step': 'Your information was saved, but I could not show the next step. Type /cers to continue.',
  'bot.error.title': ':warning: {message}',
  'bot.error.what_to_do': 'What to do: {text}',
  'bot.help.cru':
    'Lost or expired activation code? Only the CBSA Commercial Registration Unit issues a new one: reply to the CBSA e-mail that brought your code, or call the TCCU at 1-888-957-7224 (1-613-946-0762 from abroad), Monday to Friday, 08:00 to 17:00 Eastern.',
  'bot.help.title': 'Help: CERS Onboard',
  'bot.help.steps': '*Registering for the CERS Portal takes four steps, in this order:*',
  'bot.help.step_line': '*{step}*: {action}',
  'bot.help.urn':
    '*What your URN is for*\nWhen you create your user account, CERS gives you a User Reference Number (URN), yours alone. Keep it: the TCCU help desk identifies you with it when you call, and the owner of a business account adds you to it with your URN.',
  'bot.help.tccu':
    '*Questions or problems: the TCCU*\nThe CBSA Technical Commercial Client Unit: 1-888-957-7224, or 1-613-946-0762 from abroad; e-mail tccu-ustcc@cbsa-asfc.gc.ca.\nMonday to Friday, 08:00 to 17:00 Eastern; urgent problems, 24 hours a day, 7 days a week.',
  'bot.help.more':
    '*More help:* <{url}|CERS Portal help and support>, on the CBSA website: registering for and using the CERS Portal, and technical support.',
  'bot.home.title': 'CERS Onboard',
  'bot.home.intro':
    'Register for the CBSA Canadian Export Reporting System (CERS) Portal, step by step, right here in Slack.',
  'bot.home.not_started': 'You have not started a registration yet. It takes about five minutes.',
  'bot.home.current_step': '*Where you are:* {step}',
  'bot.home.urn': '*Your URN:* `{urn}`',
  'bot.home.deadline': 'If nothing happens, this registration expires on {deadline}.',
  'bot.home.next': '*Next:* {action}',
  'bot.home.start': 'Start registration',
  'bot.home.continue': 'Continue registration',
  'bot.home.view': 'View my registration',
  'bot.next.credential': 'sign in with your GCKey or Sign-In Partner.',
  'bot.next.terms': 'read and accept the Terms and Conditions.',
  'bot.next.userAccount': 'create your user account (name, e-mail, telephone, language).',
  'bot.next.businessAccount':
    'register your business with its activation code, or say you are joining an existing one.',
  'bot.next.completed': 'nothing, you are done. Keep your URN.',
  'bot.next.ended': 'start a new registration when you are ready.',
  'bot.notice.reminder': ':bell: Your CERS registration is waiting for you at the *{step}* step.',
  'bot.notice.reminder_deadline': 'It expires on {deadline} if nothing happens.',
  'bot.notice.expired':
    'Your CERS registration expired at the *{step}* step because nothing happened for a long time. Type /cers to start again.',
  'bot.notice.completed': ':tada: Your CERS registration is complete.',
  'bot.command.help':
    '`/cers`: start or continue your registration for the CBSA CERS Portal\n`/cers accounts`: your business accounts, their members and messages\n`/cers join`: ask to join a business account\n`/cers help`: this help\nYou can also write to me here or open my Home tab.',
  'bot.command.accounts_hint': 'Type `/cers accounts` to manage them, or `/cers join` to ask to join another.',
  'bot.command.unknown': 'I do not know "{text}".',
  'role.owner': 'Owner',
  'role.proxy': 'Proxy',
  'role.account_user': 'Account user',
  'role.account_browser': 'Account browser',
  // A role inside a sentence, with its preposition: "joined as an account user".
  'role.as.owner': 'as owner',
  'role.as.proxy': 'as a proxy',
  'role.as.account_user': 'as an account user',
  'role.as.account_browser': 'as an account browser',
  'role.hint':
    'Owner: everything, including the business account. Proxy: declarations, lookups, and account users and browsers. Account user: declarations and lookups. Account browser: view only.',
  'validation.urn_format': 'Enter the 12-digit URN, like 1234-5678-9012.',
  'validation.urn_check_digit': 'This URN is not valid: check its digits.',
  'validation.role_unknown': 'Choose one of the roles offered.',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'request.field.name': 'Name',
  'request.field.urn': 'URN',
  'request.field.email': 'E-mail',
  'request.field.role': 'Role asked for',
  'request.access.lead': '*{name}* asks to join business account *{bn}* {asRole}.',
  'request.transfer.lead': '*{name}*, owner of business account *{bn}*, proposes to make you its owner.',
  'request.approve': 'Approve',
  'request.reject': 'Reject',
  'request.transfer.accept': 'Accept ownership',
  'request.transfer.decline': 'Decline',
  'request.transfer.confirm_title': 'Become the owner?',
  'request.transfer.confirm_text':
    'You will be the owner of business account {bn}, answerable for it to CBSA. The current owner becomes a proxy.',
  'request.reminder': 'Reminder:',
  'request.reminder_deadline': 'This request expires on {deadline} if nobody decides.',
  'request.superseded': 'A reminder was posted below: decide there.',
  'request.outcome.approved': ':white_check_mark: Approved by {by} on {at}.',
  'request.outcome.rejected': ':no_entry_sign: Rejected by {by} on {at}.',
  'request.outcome.transfer_accepted': ':white_check_mark: Accepted by {by} on {at}.',
  'request.outcome.transfer_declined': ':no_entry_sign: Declined by {by} on {at}.',
  'request.outcome.expired': ':hourglass: Expired on {at}: nobody decided in time.',
  'request.outcome.cancelled':
    'Closed on {at}: no longer needed (withdrawn, already a member, or the business account was deleted).',
  'request.outcome.withdrawn': ':leftwards_arrow_with_hook: Withdrawn by {name} on {at}; nothing to decide.',
  'request.requester.approved':
    ':white_check_mark: Your request to join business account *{bn}* {asRole} was approved by {by}. Type `/cers accounts` to see it.',
  'request.requester.rejected': 'Your request to join business account *{bn}* {asRole} was rejected by {by}.',
  'request.requester.expired':
    'Your request to join business account *{bn}* expired: nobody decided in time. You can ask again with `/cers join`.',
  'request.requester.cancelled':
    'Your request to join business account *{bn}* was closed: you are already a member, you withdrew it, or the business account was deleted.',
  'request.transfer_owner.approved':
    '{name} accepted: they are now the owner of business account *{bn}*, and you are a proxy.',
  'request.transfer_owner.rejected':
    '{name} declined to become the owner of business account *{bn}*. You remain the owner.',
  'request.transfer_owner.expired':
    'Your ownership transfer of business account *{bn}* to {name} expired unanswered. You remain the owner.',
  'request.transfer_owner.cancelled':
    'Your ownership transfer of business account *{bn}* to {name} was closed. You remain the owner.',
  'request.reason': '*Reason given:* {reason}',
  'request.closed': 'This request is no longer waiting for a decision; nothing changed.',
  'request.closed_by': 'This request was already decided by {by}; nothing changed.',
  'request.refused.business_closed': 'This business account has been deleted.',
  'request.refused.already_member': 'You are already a member of this business account.',
  'request.refused.not_registered':
    'Only a user who signed in with a verified credential and created a user account can ask to join a business account.',
  'request.refused.not_member': 'The person is no longer a member of this business account.',
  'request.refused.proposer_not_owner': 'Whoever proposed it is no longer the owner of this business account.',
  'request.refused.withdrawn': 'It was withdrawn.',
  'request.refused.business_deleted': 'The business account was deleted.',
  'request.refused.operator': 'A CBSA operator closed it.',
  'request.refused.not_eligible': 'This request cannot be made: the owner role moves only by a transfer to a member.',
  'request.pending_exists':
    'You have already asked to join this business account; its owner or a proxy will decide. You will hear from me here.',
  'request.not_registered':
    'Finish your registration first (sign-in, terms and user account): type `/cers`. Then you can ask to join a business account.',
  'request.business_not_found':
    'No active business account has this business number. Check it, or ask the business to register first.',
  'request.sent':
    ':envelope: Your request to join business account *{bn}* {asRole} was sent to its owner{proxies}. I will tell you their decision here.',
  'request.sent_proxies': ' and proxies',
  'request.reject_modal.title': 'Reject the request',
  'request.reject_modal.text': 'Reject {name}’s request to join *{bn}* {asRole}? They will be told who rejected it.',
  'request.reject_modal.reason': 'Reason',
  'request.reject_modal.reason_hint': 'The requester is told this reason.',
  'request.reject_modal.submit': 'Reject',
  'request.decision_refused': ':warning: {message}',
  'accounts.title': 'Business accounts',
  'accounts.none':
    'You are not a member of any business account yet. To join one, ask its owner to add you with your URN, family name and e-mail, or request access.',
  'accounts.item': '*{bn}* · {role}',
  'accounts.not_registered':
    'You have no user account yet. Type `/cers` to register; then your business accounts are listed here.',
  'accounts.request_access': 'Request access',
  'accounts.members': 'Members',
  'accounts.messages': 'Messages',
  'accounts.add_member': 'Add a user',
  'accounts.edit_contact': 'Update contact',
  'accounts.transfer': 'Transfer ownership',
  'accounts.delete': 'Delete',
  'accounts.my_requests': 'Your requests waiting for a decision',
  'accounts.my_request.access': 'To join *{bn}* {asRole}',
  'accounts.my_request.transfer': 'Ownership transfer of *{bn}*',
  'accounts.withdraw': 'Withdraw',
  'accounts.leave': 'Leave',
  'accounts.leave_confirm.title': 'Leave this business account?',
  'accounts.leave_confirm.text': 'You lose your role in business account {bn} at once. Its owner and proxies are told.',
  'accounts.left': 'You left business account *{bn}*. Its owner and proxies are told.',
  'accounts.withdraw_confirm.title': 'Withdraw this request?',
  'accounts.withdraw_confirm.text':
    'Your request about business account {bn} is closed, and those deciding it are told.',
  'accounts.withdrawn': 'Your request about business account *{bn}* is withdrawn; those deciding it are told.',
  'accounts.pending_requests': plural('count', {
    one: '{count} request waiting for a decision.',
    other: '{count} requests waiting for a decision.',
  }),
  'access_form.title': 'Request access',
  'access_form.intro':
    'Ask to join an existing business account. Its owner (and, for an account user or browser, its proxies) will get your name, URN and e-mail and decide.',
  'access_form.business_number': 'Business number (15 characters)',
  'access_form.role': 'Role you ask for',
  'access_form.submit': 'Send request',
  'members.title': 'Members',
  'members.item': '*{name}* · `{urn}` · {role}',
  'members.you': ' (you)',
  'members.change_role': 'Change role',
  'members.remove': 'Remove',
  'members.remove_confirm.title': 'Remove this member?',
  'members.remove_confirm.text': '{name} loses access to business account {bn} at once.',
  'members.removed': '{name} was removed from business account *{bn}*.',
  'members.role_changed': '{name} now has the role *{role}* in business account *{bn}*.',
  'members.added': '{name} was added to business account *{bn}* {asRole}.',
  'members.user_not_matched':
    'No user account matches this URN, family name and e-mail together. Check all three with the person.',
  'members.already_member': 'This user is already a member of this business account.',
  'members.not_member': 'This person is no longer a member of this business account.',
  'members.you_were_added':
    ':wave: {actor} added you to business account *{bn}* {asRole}. Type `/cers accounts` to see it.',
  'members.your_role_changed': '{actor} changed your role in business account *{bn}* to *{role}*.',
  'members.you_were_removed': '{actor} removed you from business account *{bn}*.',
  'members.member_left': '{actor} left business account *{bn}* (role: {role}).',
  'add_form.title': 'Add a user',
  'add_form.intro':
    'All three must match the person’s user account. Ask them for their URN: it is on their CERS confirmation.',
  'add_form.urn': 'URN',
  'add_form.family_name': 'Family name',
  'add_form.email': 'E-mail',
  'add_form.role': 'Role',
  'add_form.submit': 'Add',
  'role_form.title': 'Change role',
  'role_form.intro': 'New role for {name} in business account {bn}.',
  'role_form.submit': 'Change',
  'messages.title': 'Messages',
  'messages.none': 'No messages for this business account yet.',
  'messages.item': '{at} · {text}',
  'business.message.access_requested': '{subject} asked to join {asRole}.',
  'business.message.access_approved': '{subject} joined {asRole}, approved by {actor}.',
  'business.message.access_rejected': '{subject}’s request to join {asRole} was rejected by {actor}.',
  'business.message.access_expired': '{subject}’s request to join {asRole} expired undecided.',
  'business.message.member_added': '{actor} added {subject} {asRole}.',
  'business.message.role_changed': '{actor} changed {subject}’s role from {from} to {role}.',
  'business.message.member_removed': '{actor} removed {subject} ({role}).',
  'business.message.member_left': '{subject} left ({role}).',
  'business.message.contact_updated': '{actor} updated the business account’s contact information.',
  'business.message.contact_fields_updated': '{actor} updated the business account’s contact information: {changed}.',
  // The contact fields a contact_fields_updated message names (activities/account-changes.ts columns).
  'business.contact_field.ownerPositionTitle': 'position title',
  'business.contact_field.ownerAddressLine1': 'mailing address',
  'business.contact_field.ownerAddressLine2': 'address line 2',
  'business.contact_field.ownerCity': 'city',
  'business.contact_field.ownerProvince': 'province or state',
  'business.contact_field.ownerPostalCode': 'postal code',
  'business.contact_field.ownerCountry': 'country',
  'business.contact_field.ownerPhone': 'telephone',
  'business.contact_field.ownerEmail': 'e-mail',
  'business.message.ownership_transfer_approved': 'Ownership transferred: {subject} is now the owner.',
  'business.message.ownership_transfer_rejected': '{subject} declined to become the owner.',
  'business.message.ownership_transfer_expired': 'An ownership transfer to {subject} expired unanswered.',
  'business.message.business_deleted': '{actor} deleted the business account.',
  // Account changes (workflows/account-change).
  'members.business_deleted': '{actor} deleted business account *{bn}*: your role in it has ended.',
  'members.business_closed': 'This business account has been deleted; nothing changed.',
  'contact_form.title': 'Update contact',
  'contact_form.intro': 'The owner’s contact information for business account *{bn}*, as CBSA will use it.',
  'contact_form.submit': 'Save',
  'contact_form.saved': 'The contact information of business account *{bn}* is updated.',
  'transfer_form.title': 'Transfer ownership',
  'transfer_form.intro':
    'Choose the member who will become the owner of business account *{bn}*. They must accept; until then you remain the owner. Afterwards you stay on as a proxy.',
  'transfer_form.new_owner': 'New owner',
  'transfer_form.submit': 'Continue',
  'transfer_form.no_members':
    'There is nobody to transfer to yet: ownership goes to an existing member. Add the person first.',
  'transfer_form.confirm':
    'Transfer ownership of business account *{bn}* to *{name}*? They will be asked to accept; you become a proxy once they do.',
  'transfer_form.confirm_button': 'Yes, propose the transfer',
  'transfer_form.sent':
    'The transfer was proposed to {name}. You remain the owner until they accept; I will tell you their answer.',
  'transfer_form.pending': 'A transfer of this business account is already waiting for an answer.',
  'delete_form.title': 'Delete business account',
  'delete_form.intro':
    'Deleting business account *{bn}* ends every membership at once, including yours, and withdraws pending requests. Its history stays in the audit trail. This cannot be undone.',
  'delete_form.confirm_label': 'Type the business number to confirm',
  'delete_form.confirm_hint': 'The 15 characters, e.g. 123456782RM0001.',
  'delete_form.submit': 'Delete',
  'delete_form.mismatch': 'This is not the business number of this account.',
  'delete_form.deleted': 'Business account *{bn}* is deleted. Its history is kept.',
  'signin.page.title': 'CERS Onboard sign-in',
  'signin.page.title_done': 'You are signed in',
  'signin.page.confirm':
    'This link signs in to CERS Onboard for {name}: the credential you sign in with will be linked to their CERS registration.',
  'signin.page.confirm_warning':
    'If you are not {name}, stop here and close this page: ask for your own link in Slack.',
  'signin.page.continue': 'Continue to sign in',
  'signin.page.return': 'You can close this page and return to Slack.',
  'signin.page.linked':
    'Your credential is linked to your CERS registration. Slack has moved on to the next step: accept the Terms and Conditions there.',
  'signin.page.linked_to':
    'You signed in with {provider}. The credential is now linked to the CERS registration of {name} in Slack, which has moved on to the next step: accept the Terms and Conditions there.',
  'signin.page.cookies_blocked':
    'Your browser did not keep the sign-in cookie, so sign-in cannot continue safely. Allow cookies for this site, then open the link again from its button in Slack.',
  'signin.page.not_from_page':
    'This request did not come from the CERS Onboard sign-in page, so nothing happened. Open your sign-in link from its button in Slack and press Continue there.',
  'signin.page.already_linked':
    'This credential is already linked to another CERS user account, so it was not linked to this registration. Sign in with the credential you used before, or use another one.',
  'signin.page.wrong_step': 'Your registration is already past the sign-in step; nothing changed.',
  'signin.page.invalid': 'This sign-in link is not valid. In Slack, ask for a new sign-in link.',
  'signin.page.expired': 'This sign-in link has expired (links last 10 minutes). In Slack, ask for a new one.',
  'signin.page.used': 'This sign-in link was already used in another browser. In Slack, ask for a new one.',
  'signin.page.open_from_slack':
    'Open this sign-in link from its button in Slack, in the conversation where you asked for it.',
  'signin.page.other_browser':
    'This sign-in was started in another browser. Open a new sign-in link from Slack in this browser.',
  'signin.page.unavailable':
    'The sign-in service does not answer right now. Nothing changed: reload this page in a few minutes (your link still works), or ask for a new link in Slack.',
  'signin.page.cancelled': 'The sign-in was cancelled; nothing changed. To try again, ask for a new link in Slack.',
  'signin.page.failed':
    'The sign-in could not be verified; nothing changed. Ask for a new link in Slack and try again.',
  'bot.signin.gckey': 'Sign in with GCKey',
  'bot.signin.partner': 'Sign in with a Sign-In Partner',
  'bot.signin.link_intro':
    'Your {provider} sign-in link is ready. It works once, for 10 minutes, in the browser you open it in.',
  'bot.signin.open': 'Open the sign-in page',
  'bot.signin.new_link': 'Get a new link',
  'bot.signin.expires':
    'The link expires at {time}. When you are signed in, this window moves to the next step by itself.',
  'bot.signin.provider_gckey': 'GCKey',
  'bot.signin.provider_partner': 'Sign-In Partner',
  // Support lookups (`/cers support …`, operators/support/): for CERS support agents.
  'support.usage':
    'Look someone up with `/cers support urn <URN>`, `/cers support bn <business number>` or `/cers support email <e-mail>`; lift a shared-secret lock with `/cers support unlock <business number> <reason>`.',
  'support.unlock_usage':
    'Lift a shared-secret lock with `/cers support unlock <business number> <reason>`: the reason is kept encrypted, and the audit trail records that you lifted it.',
  'support.unlock_failed': 'The lock could not be lifted just now (Temporal did not answer): try again in a minute.',
  'support.invalid.urn_empty': 'Give the URN to look up, for example 1234-5678-9012.',
  'support.invalid.bn_empty': 'Give the business number to look up, for example 123456782RM0001.',
  'support.invalid.email_empty': 'Give the e-mail address to look up.',
  'support.invalid.urn_format': 'A URN has 12 digits, written like 1234-5678-9012.',
  'support.invalid.urn_check_digit':
    'This URN fails its check digit: a digit is probably mistyped, or two are swapped. Ask the caller to read it again.',
  'support.invalid.email': 'This is not an e-mail address (like name@example.ca).',
  'support.refused.not_member':
    'Support lookups are for the CERS support team only. If you are on it, ask a Slack administrator to add you to its user group.',
  'support.refused.not_configured':
    'Support lookups are not set up in this workspace: no support user group is configured.',
  'support.refused.unavailable':
    'I could not check that you are on the support team just now, so nothing was looked up. Try again in a minute.',
  'support.lookup_failed':
    'The lookup failed (the database did not answer): nothing was shown or recorded. Try again in a minute.',
  'support.audited': 'This lookup is recorded in the audit trail under your name.',
  'support.none.urn': 'No user account has this URN.',
  'support.none.email': 'No user account has this e-mail address.',
  'support.none.bn': 'No CERS business account has the business number {businessNumber}.',
  'support.person.title': 'Person {number} of {total}',
  'support.field.name': 'Name',
  'support.field.email': 'E-mail',
  'support.field.language': 'Language',
  'support.field.urn': 'URN',
  'support.field.credential': 'Credential',
  'support.field.created': 'Account created',
  'support.field.memberships': 'Memberships',
  'support.field.registration': 'Registration',
  'support.field.locks': 'Shared-secret locks',
  'support.field.members': 'Members',
  'support.field.requests': 'Role requests',
  'support.language.en': 'English',
  'support.language.fr': 'French',
  'support.credential.gckey': 'GCKey',
  'support.credential.sign_in_partner': 'Sign-In Partner',
  'support.credential.none': 'None linked',
  'support.list.none': 'None',
  'support.list.more': plural('count', { one: '…and one more.', other: '…and {count} more.' }),
  'support.people.more': plural('count', {
    one: '{count} more person has this e-mail address: use `npm run support` to see everyone.',
    other: '{count} more people have this e-mail address: use `npm run support` to see everyone.',
  }),
  'support.membership.item': '`{businessNumber}` · {role}',
  'support.membership.deleted': '`{businessNumber}` · {role} (business account deleted)',
  'support.registration.running': 'In progress, at *{step}*.',
  'support.registration.deadline': 'Expires if idle after {deadline}.',
  'support.registration.attempts': plural('attemptsRemaining', {
    one: '{attemptsRemaining} activation-code attempt left.',
    other: '{attemptsRemaining} activation-code attempts left.',
  }),
  'support.registration.locked': 'The last business number tried is locked until {lockedUntil}.',
  'support.registration.closed': 'None running. The last one ended on {closedAt}: {outcome}.',
  'support.registration.none': 'None running: Temporal has no registration for this account.',
  'support.registration.unreachable':
    'Unknown: Temporal did not answer (unreachable, or no worker to answer). The rest comes from the database.',
  'support.lock.locked': plural('count', {
    one: '`{businessNumber}`: *locked* until {lockedUntil} ({count} wrong activation code).',
    other: '`{businessNumber}`: *locked* until {lockedUntil} ({count} wrong activation codes).',
  }),
  'support.lock.ended': plural('count', {
    one: '`{businessNumber}`: not locked; a lock ended on {lockedUntil} ({count} wrong activation code counted).',
    other: '`{businessNumber}`: not locked; a lock ended on {lockedUntil} ({count} wrong activation codes counted).',
  }),
  'support.lock.counting': plural('count', {
    one: '`{businessNumber}`: not locked ({count} wrong activation code counted).',
    other: '`{businessNumber}`: not locked ({count} wrong activation codes counted).',
  }),
  'support.workflows.query': 'Temporal Web UI search: `{query}`',
  'support.workflows.open': 'Open in the Temporal Web UI',
  'support.business.title': 'Business account {businessNumber}',
  'support.business.active': 'Active since {createdAt}.',
  'support.business.deleted': 'Deleted on {deletedAt} (created {createdAt}).',
  'support.business.member': '{name} · `{urn}` · {role}',
  'support.business.request': '{createdAt} · {kind} {asRole}, asked by {name} (`{urn}`): {status}',
  'support.request.access': 'Access',
  'support.request.ownership_transfer': 'Ownership transfer',
  'support.request.pending': 'pending',
  'support.request.approved': 'approved',
  'support.request.rejected': 'rejected',
  'support.request.expired': 'expired',
  'support.request.cancelled': 'cancelled',
  'support.business.lock_none': 'Shared-secret lock: none.',
  'validation.support_agent':
    'Name the agent with letters, digits and . _ @ : + - only (no spaces), e.g. jdoe or jdoe@cbsa-asfc.gc.ca.',
  'validation.support_request_id':
    'A request id has 8 to 100 letters, digits and . _ : - (e.g. the one the tool printed the first time).',
  'validation.registration_id':
    'This is not the workflow id of a registration: it looks like registration:T0123:U0456.',
  'support.role_required': 'Only a support agent may do this: act with the {role} role (--role {role}).',
  'support.agent_required': 'Say who acts: --agent <your name>, or set CERS_SUPPORT_AGENT.',
  'support.unknown_command': 'Unknown command "{command}". Commands: {commands}.',
  'support.bad_arguments': 'The arguments are not right: {problem}.',
  'support.request_id':
    'Request id {requestId}: the same command with --request {requestId} acts once, however often it runs.',
  'support.lock_lifted':
    'The shared-secret lock on {businessNumber} is lifted ({liftedAt}): the applicant has their 5 tries again.',
  'support.lock_not_set': 'No lock is in force on {businessNumber}: nothing changed.',
  'support.authorization_not_found': 'CBSA has no export authorization for {businessNumber}: nothing changed.',
  'support.reminder_sent': 'Reminder sent to the applicant of {workflowId} (step {step}).',
  'support.reminder_not_delivered':
    'The reminder for {workflowId} is recorded, but Slack did not deliver it (the applicant may have left the workspace).',
  'support.cancelled': 'Registration {workflowId} is cancelled; it was at the {step} step.',
  'support.completed_first':
    'Registration {workflowId} completed before the cancellation took effect: the {step} step in flight finished first, so nothing was cancelled.',
  'support.ended_as': 'Registration {workflowId} ended as {step}.',
  'support.stuck_none': 'No running registration has been on its step for longer than {age}.',
  'support.stuck_found': plural('count', {
    one: '{count} registration has been on its step for longer than {age}:',
    other: '{count} registrations have been on their step for longer than {age}:',
  }),
  'support.stuck_row': '{workflowId}  step {step} since {since}  {link}',
  'support.query': 'Visibility query: {query}',
  'support.web_ui': 'Web UI: {link}',
  'support.show_running': '{workflowId}: running, step {step}, started {startedAt}.',
  'support.show_deadline': 'Expires on {deadline} if the applicant stays idle.',
  'support.show_attempts': 'Shared-secret attempts left on the business number last tried: {attempts}.',
  'support.show_locked': 'The business number last tried is locked until {lockedUntil}.',
  'support.show_ended': '{workflowId}: {status}, started {startedAt}.',
  'support.show_ended_step': 'It ended at the {step} step.',
  'support.failed': 'The support action did not complete ({type}).',
  'codec.error.not_found': 'Not found: the codec server answers POST /decode and POST /encode.',
  'codec.error.method': 'Use POST (or OPTIONS for a CORS preflight).',
  'codec.error.origin': 'The origin {origin} may not call this codec server (CERS_CODEC_ALLOWED_ORIGINS).',
  'codec.error.missing': 'Sign in first: send the Web UI access token or an operator token (Authorization: Bearer).',
  'codec.error.invalid':
    'The token is not valid here: expired, signed by another issuer, meant for another audience, or unknown.',
  'codec.error.no_role': 'Your token carries no codec role (operator or privacy-officer).',
  'codec.error.not_json': 'The body is not JSON: expected an object whose "payloads" lists the payloads.',
  'codec.error.shape':
    'The body is not a list of payloads as the codec protocol writes them (metadata and data in base64): at {path}, {problem}.',
  'codec.error.body_too_large': 'The body is over the limit of {limit} bytes: send fewer payloads at a time.',
  'codec.error.too_large': 'A payload is over the payload size limit.',
  'codec.error.audit':
    'The decode could not be recorded in the audit trail, so it was not answered. Try again shortly.',
  'codec.error.internal': 'The codec server failed to answer; the error is in its log.',
  'profile.title': 'Your profile',
  'profile.intro':
    'Change your name, phone, e-mail or language. A new e-mail address takes effect once you type the code we send to it; until then your current one stays in force.',
  'profile.submit': 'Save',
  'profile.not_registered': 'Your profile exists once you have created your user account: type /cers to register.',
  'profile.saved': 'Saved: {fields}.',
  'profile.unchanged': 'Nothing changed: your profile was already as you left it.',
  'profile.ended': 'This profile change has ended. Open your profile to start again.',
  'profile.field.givenName': 'given name',
  'profile.field.familyName': 'family name',
  'profile.field.phone': 'phone',
  'profile.field.language': 'language',
  'profile.field.email': 'e-mail',
  'profile.code.title': 'Confirm your e-mail',
  'profile.code.intro':
    'We sent a code of {digits} digits to *{email}*. Type it below within {minutes} minutes to make it your e-mail address. Until then, your current address stays in force.',
  'profile.code.label': 'Code from the e-mail',
  'profile.code.hint': 'The digits in the e-mail, for example 123456.',
  'profile.code.submit': 'Confirm',
  'profile.code.resend': 'Send a new code',
  'profile.code.resent': 'A new code is on its way; the one before no longer works.',
  'profile.code.incorrect': plural('attemptsRemaining', {
    one: 'This code is not the one we sent. {attemptsRemaining} attempt left.',
    other: 'This code is not the one we sent. {attemptsRemaining} attempts left.',
  }),
  'profile.code.expired':
    'This code has expired, so your e-mail address was not changed. Open your profile (/cers profile) to try again.',
  'profile.code.exhausted':
    'Too many wrong codes, so your e-mail address was not changed. Open your profile (/cers profile) to start again.',
  'profile.email_confirmed': 'Your e-mail address is now *{email}*.',
  'profile.home.intro': 'Your name, e-mail, phone and the language CERS Onboard speaks to you in.',
  'profile.home.button': 'Change my profile',
  'profile.home.hint': 'Or type /cers profile.',
  'profile.command.help': '`/cers profile`: your name, e-mail, telephone and language',
  'profile.mail.subject': 'Your CERS Onboard confirmation code',
  'profile.mail.body':
    'Your confirmation code is ((code)). Type it in Slack within ((minutes)) minutes to make this your e-mail address for CERS Onboard. If you did not ask for this, ignore this message: nothing changes.',
  'validation.email_code_format': 'Enter the 6 digits from the e-mail.',
} as const;
