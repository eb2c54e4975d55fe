export const en = {
  'validation.required': 'This field is required.',
  'validation.too_long': 'This is too long.',
  'validation.invalid_characters': 'This contains characters that are not allowed.',
  'validation.name_characters': 'Use letters, spaces, apostrophes, periods and hyphens only.',
  'validation.email_malformed': 'Enter an e-mail address like name@example.ca.',
  'validation.phone_malformed': 'Enter a telephone number like 613-555-0100, or +44 20 7946 0000 outside North America.',
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
  'validation.business_number.wrong_length':
    'A business number for exports has 15 characters (9 digits, RM, 4 digits); you entered {length}.',
  'validation.business_number.root_not_digits': 'The first 9 characters of the business number must be digits.',
  'validation.business_number.check_digit':
    'The 9-digit business number root fails its check digit: one of the digits is probably mistyped. Compare it with your CRA documents.',
  'validation.business_number.program_not_letters':
    'Characters 10 and 11 of the business number must be the letters of the program account, RM for exports.',
  'validation.business_number.wrong_program':
    'Exports use the RM (import-export) program account; you entered a {program} account. Use the number that ends in RM followed by 4 digits.',
  'validation.business_number.reference_not_digits': 'The last 4 characters of the business number must be digits, for example RM0001.',
  'validation.business_number.reference_zero': 'The program account reference cannot be 0000; CRA numbers them from 0001.',
  'failure.invalid_input': 'Some fields need correcting.',
  'failure.wrong_step': 'Your registration is at the {step} step; this belongs to another step.',
  'failure.terms_version': 'The Terms and Conditions changed; please read and accept version {version}.',
  'failure.credential_already_linked':
    'This sign-in credential is already linked to another CERS user account. Sign in with your own credential, or call the TCCU at 1-888-957-7224.',
  'failure.authorization_not_found':
    'CBSA has no export authorization for this business number. Check the number, or apply to CBSA with form BSF831 first.',
  'failure.shared_secret_incorrect':
    'The activation code (shared secret) is not correct. {attemptsRemaining} attempts remain before this business number is locked for 24 hours.',
  'failure.business_number_locked': 'Too many incorrect activation codes for this business number. Try again after {lockedUntil}.',
  'failure.shared_secret_expired':
    'This activation code expired on {expiredAt} (codes are valid 90 days). Ask the CBSA Commercial Registration Unit for a new one.',
  'failure.shared_secret_used':
    'This activation code has already been used. If you did not use it, contact the CBSA Commercial Registration Unit.',
  'failure.business_number_registered':
    'A CERS business account already exists for this business number. Ask its owner to add you with your URN.',
  'failure.service_unavailable':
    'CERS is busy or a service it needs did not answer. Nothing was lost; please send the same information again in a few minutes.',
} as const;
