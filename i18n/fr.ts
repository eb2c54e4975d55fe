import type { en } from './en';

export const fr: Record<keyof typeof en, string> = {
  'validation.required': 'Ce champ est obligatoire.',
  'validation.too_long': 'Cette valeur est trop longue.',
  'validation.invalid_characters': 'Cette valeur contient des caractères non permis.',
  'validation.name_characters': 'Utilisez uniquement des lettres, des espaces, des apostrophes, des points et des traits d’union.',
  'validation.email_malformed': 'Entrez une adresse courriel comme nom@exemple.ca.',
  'validation.phone_malformed': 'Entrez un numéro de téléphone comme 613-555-0100, ou +44 20 7946 0000 hors de l’Amérique du Nord.',
  'validation.country_code': 'Utilisez le code de pays à 2 lettres, par exemple CA.',
  'validation.province_code': 'Utilisez le code de province ou de territoire à 2 lettres, par exemple QC.',
  'validation.postal_code': 'Entrez un code postal canadien comme K1A 0B1.',
  'validation.shared_secret_format':
    'Le code d’activation (secret partagé) de l’ASFC compte au moins 8 caractères; copiez-le exactement depuis le courriel.',
  'validation.slack_id': 'Ce n’est pas un identifiant Slack.',
  'validation.unrecognized_keys': 'Ce champ n’est pas attendu ici.',
  'validation.invalid_type': 'Ce champ n’a pas le bon type.',
  'validation.invalid_value': 'Choisissez une des valeurs permises.',
  'validation.business_number.empty': 'Entrez votre numéro d’entreprise de 15 caractères, par exemple 123456782RM0001.',
  'validation.business_number.invalid_characters':
    'Le numéro d’entreprise ne peut contenir que des chiffres et des lettres (les espaces et les tirets sont ignorés).',
  'validation.business_number.wrong_length':
    'Un numéro d’entreprise pour l’exportation compte 15 caractères (9 chiffres, RM, 4 chiffres); vous en avez entré {length}.',
  'validation.business_number.root_not_digits': 'Les 9 premiers caractères du numéro d’entreprise doivent être des chiffres.',
  'validation.business_number.check_digit':
    'La racine à 9 chiffres du numéro d’entreprise échoue au chiffre de contrôle : un chiffre est probablement mal saisi. Comparez-le avec vos documents de l’ARC.',
  'validation.business_number.program_not_letters':
    'Les caractères 10 et 11 du numéro d’entreprise doivent être les lettres du compte de programme, RM pour l’exportation.',
  'validation.business_number.wrong_program':
    'L’exportation utilise le compte de programme RM (importations-exportations); vous avez entré un compte {program}. Utilisez le numéro qui se termine par RM suivi de 4 chiffres.',
  'validation.business_number.reference_not_digits':
    'Les 4 derniers caractères du numéro d’entreprise doivent être des chiffres, par exemple RM0001.',
  'validation.business_number.reference_zero':
    'La référence du compte de programme ne peut pas être 0000; l’ARC les numérote à partir de 0001.',
  'failure.invalid_input': 'Certains champs doivent être corrigés.',
  'failure.wrong_step': 'Votre inscription est à l’étape {step}; ceci appartient à une autre étape.',
  'failure.terms_version': 'Les conditions d’utilisation ont changé; veuillez lire et accepter la version {version}.',
  'failure.credential_already_linked':
    'Ce justificatif d’identité est déjà lié à un autre compte d’utilisateur du CERS. Connectez-vous avec votre propre justificatif, ou appelez l’USTCC au 1-888-957-7224.',
  'failure.authorization_not_found':
    'L’ASFC n’a aucune autorisation d’exportation pour ce numéro d’entreprise. Vérifiez le numéro, ou présentez d’abord le formulaire BSF831 à l’ASFC.',
  'failure.shared_secret_incorrect':
    'Le code d’activation (secret partagé) est incorrect. Il reste {attemptsRemaining} essais avant que ce numéro d’entreprise soit verrouillé pendant 24 heures.',
  'failure.business_number_locked': 'Trop de codes d’activation incorrects pour ce numéro d’entreprise. Réessayez après {lockedUntil}.',
  'failure.shared_secret_expired':
    'Ce code d’activation a expiré le {expiredAt} (les codes sont valides 90 jours). Demandez-en un nouveau à l’Unité d’inscription commerciale de l’ASFC.',
  'failure.shared_secret_used':
    'Ce code d’activation a déjà été utilisé. Si ce n’est pas vous, communiquez avec l’Unité d’inscription commerciale de l’ASFC.',
  'failure.business_number_registered':
    'Un compte d’entreprise du CERS existe déjà pour ce numéro d’entreprise. Demandez à son propriétaire de vous ajouter avec votre NRU.',
  'failure.service_unavailable':
    'Le CERS est occupé ou un service dont il a besoin n’a pas répondu. Rien n’a été perdu; veuillez renvoyer les mêmes renseignements dans quelques minutes.',
};
