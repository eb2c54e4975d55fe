/** The French catalogue: every key of en.ts (a test enforces it), one entry per line. Its length is its content. */
import type { en } from './en';
import { plural, type Message } from './grammar';

export const fr: Record<keyof typeof en, Message> = {
  'validation.required': 'Ce champ est obligatoire.',
  'validation.too_long': 'Cette valeur est trop longue.',
  'validation.invalid_characters': 'Cette valeur contient des caractères non permis.',
  'validation.name_characters':
    'Utilisez uniquement des lettres, des espaces, des apostrophes, des points et des traits d’union.',
  'validation.email_malformed': 'Entrez une adresse courriel comme nom@exemple.ca.',
  'validation.phone_malformed':
    'Entrez un numéro de téléphone comme 613-555-0100, ou +44 20 7946 0000 hors de l’Amérique du Nord.',
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
  'validation.business_number.wrong_length': plural('length', {
    one: 'Un numéro d’entreprise pour l’exportation compte 15 caractères (9 chiffres, RM, 4 chiffres); vous avez entré {length} caractère.',
    other:
      'Un numéro d’entreprise pour l’exportation compte 15 caractères (9 chiffres, RM, 4 chiffres); vous avez entré {length} caractères.',
  }),
  'validation.business_number.root_not_digits':
    'Les 9 premiers caractères du numéro d’entreprise doivent être des chiffres.',
  'validation.business_number.check_digit':
    'La racine à 9 chiffres du numéro d’entreprise échoue au chiffre de contrôle : un chiffre est probablement mal saisi. Comparez-le avec vos documents de l’ARC.',
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
    'Ce justificatif d’identité est déjà lié à un autre compte d’utilisateur du SCDE. Connectez-vous avec votre propre justificatif, ou appelez l’USTCC au 1-888-957-7224.',
  'failure.authorization_not_found':
    'L’ASFC n’a aucune autorisation d’exportation pour ce numéro d’entreprise. Vérifiez le numéro, ou présentez d’abord le formulaire BSF831 à l’ASFC.',
  'failure.shared_secret_incorrect': plural('attemptsRemaining', {
    one: 'Le code d’activation (secret partagé) est incorrect. Il reste {attemptsRemaining} essai avant que ce numéro d’entreprise soit verrouillé pendant 24 heures.',
    other:
      'Le code d’activation (secret partagé) est incorrect. Il reste {attemptsRemaining} essais avant que ce numéro d’entreprise soit verrouillé pendant 24 heures.',
  }),
  'failure.business_number_locked':
    'Trop de codes d’activation incorrects pour ce numéro d’entreprise. Réessayez après {lockedUntil}.',
  'failure.shared_secret_expired':
    'Ce code d’activation a expiré le {expiredAt} (les codes sont valides 90 jours). Demandez-en un nouveau à l’Unité d’inscription commerciale de l’ASFC.',
  'failure.shared_secret_used':
    'Ce code d’activation a déjà été utilisé. Si ce n’est pas vous, communiquez avec l’Unité d’inscription commerciale de l’ASFC.',
  'failure.business_number_registered':
    'Un compte d’entreprise du SCDE existe déjà pour ce numéro d’entreprise. Demandez à son propriétaire de vous ajouter avec votre NRU.',
  'failure.input_too_large':
    'Ce message est trop volumineux pour être accepté. Envoyez seulement les renseignements que le formulaire demande.',
  'failure.input_not_encrypted':
    'Ce message n’a pas été envoyé par le canal sécurisé du SCDE; il a donc été refusé. Utilisez l’application ou le client du SCDE.',
  'failure.input_undecodable':
    'Ce message n’a pas pu être lu (il est endommagé ou a été scellé avec une clé inconnue); il a donc été refusé.',
  'failure.service_unavailable':
    'Le SCDE est occupé ou un service dont il a besoin n’a pas répondu. Rien n’a été perdu; veuillez renvoyer les mêmes renseignements dans quelques minutes.',
  'policy.not_member': 'Vous n’avez aucun rôle dans ce compte d’entreprise.',
  'policy.role_cannot': 'Votre rôle dans ce compte d’entreprise ne le permet pas.',
  'policy.owner_protected':
    'Personne ne peut retirer ni rétrograder le propriétaire d’un compte d’entreprise; le propriétaire peut transférer la propriété à un autre membre.',
  'policy.owner_only_by_transfer':
    'Le rôle de propriétaire ne s’attribue pas : le propriétaire transfère la propriété, et les deux confirment.',
  'policy.proxy_limits':
    'Un mandataire peut ajouter, modifier ou retirer seulement des utilisateurs et des lecteurs du compte, pas des mandataires.',
  'policy.own_request':
    'Vous ne pouvez pas approuver votre propre demande; un autre propriétaire ou mandataire doit décider.',
  'policy.owner_must_transfer':
    'Le propriétaire ne peut pas quitter le compte d’entreprise : transférez d’abord la propriété à un membre, puis quittez à titre de mandataire.',
  'bot.language.name': 'Français',
  'bot.modal.title': 'Inscription au SCDE',
  'bot.modal.close': 'Fermer',
  'bot.modal.done': 'Terminé',
  'bot.modal.cancel': 'Annuler',
  'bot.step.progress': 'Étape {number} sur {total}',
  'bot.step.credential': 'Connexion',
  'bot.step.terms': 'Conditions d’utilisation',
  'bot.step.userAccount': 'Compte d’utilisateur',
  'bot.step.businessAccount': 'Compte d’entreprise',
  'bot.step.completed': 'Inscription terminée',
  'bot.step.expired': 'Inscription expirée',
  'bot.step.cancelled': 'Inscription abandonnée',
  'bot.credential.intro':
    'Connectez-vous avec le justificatif que vous utiliserez pour le portail du SCDE : une *CléGC*, ou un *partenaire de connexion* (les services bancaires en ligne d’une banque participante). Le CERS ne reçoit qu’un identifiant anonyme, jamais votre nom ni votre mot de passe.',
  'bot.credential.simulated_warning':
    ':construction: *Développement seulement.* Les boutons marqués (dév.) remplacent un fournisseur qui n’est pas branché ici : ils font comme si une connexion avait réussi.',
  'bot.credential.simulate_gckey': 'Simuler une CléGC (dév.)',
  'bot.credential.simulate_partner': 'Simuler un partenaire (dév.)',
  'bot.credential.unavailable':
    'La connexion n’est pas encore configurée sur cette installation; l’inscription ne peut donc pas commencer. Avisez votre administrateur.',
  'bot.terms.intro':
    'Avant la création de votre compte d’utilisateur, lisez et acceptez les conditions d’utilisation du portail du SCDE (version {version}).',
  'bot.terms.summary':
    'Dans son guide d’inscription au portail du SCDE (section 3.1), l’ASFC vous demande d’accepter les conditions d’utilisation du portail du SCDE après votre connexion avec votre justificatif et avant la création de votre compte d’utilisateur. Le guide les nomme sans en donner le texte : le texte complet ci-dessous est le résumé qu’en donne le guide et indique où se trouve le texte de l’ASFC qui fait foi. Accepter enregistre cette version et l’heure avec votre compte d’utilisateur.',
  'bot.terms.accept': 'Accepter',
  'bot.terms.decline': 'Refuser',
  'bot.terms.decline_confirm.title': 'Refuser les conditions?',
  'bot.terms.decline_confirm.text':
    'Vous ne pouvez pas vous inscrire sans les accepter. Refuser met fin à cette inscription; vous pourrez recommencer en tout temps avec /cers.',
  'bot.terms.decline_confirm.confirm': 'Refuser et terminer',
  'bot.terms.decline_confirm.deny': 'Revenir',
  // Terms and Conditions: the full text's link, new versions for registered people (bot/terms/).
  'terms.full_text': '<{url}|Lire le texte complet de la version {version}> (publiée le {date}).',
  'terms.renew.title': 'Conditions d’utilisation',
  'terms.renew.heading': 'Nouvelles conditions d’utilisation',
  'terms.renew.intro':
    'Les conditions d’utilisation du portail du SCDE ont une nouvelle version, {version}. Lisez-la et acceptez-la pour continuer : rien de ce que vous avez demandé n’a encore été fait.',
  'terms.renew.accept': 'Accepter la version {version}',
  'terms.renew.accepted':
    ':white_check_mark: Vous avez accepté la version {version} des conditions d’utilisation. Refaites maintenant ce que vous faisiez : tapez de nouveau la commande `/cers`, ou cliquez de nouveau sur le bouton.',
  'terms.renew.stale': 'Les conditions d’utilisation ont encore changé : lisez et acceptez la version {version}.',
  'terms.renew.failed':
    'Votre acceptation n’a pas pu être enregistrée pour le moment; rien n’a changé. Cliquez de nouveau sur Accepter dans quelques minutes.',
  'terms.page.meta': 'Version {version}, publiée le {date}.',
  'terms.page.other_language': 'English version',
  'terms.page.not_found': 'Cette version des conditions d’utilisation n’existe pas.',
  'bot.user_account.title': 'Compte d’utilisateur',
  'bot.user_account.submit': 'Créer le compte',
  'bot.user_account.intro':
    'Votre nom et vos coordonnées, tels que l’ASFC doit les connaître. Tous les champs sont obligatoires.',
  'bot.user_account.given_name': 'Prénom',
  'bot.user_account.family_name': 'Nom de famille',
  'bot.user_account.email': 'Courriel',
  'bot.user_account.email_hint': 'L’ASFC et les propriétaires de votre entreprise vous joignent à cette adresse.',
  'bot.user_account.phone': 'Téléphone',
  'bot.user_account.phone_hint':
    'Par exemple 613-555-0100; hors de l’Amérique du Nord, commencez par + et l’indicatif du pays.',
  'bot.user_account.language': 'Langue de vos messages',
  'bot.user_account.language_hint': 'Dorénavant, tous les messages de CERS Onboard seront dans cette langue.',
  'bot.business.choice':
    'Votre compte d’utilisateur est prêt. Votre entreprise a-t-elle besoin d’un compte d’entreprise au SCDE, ou quelqu’un l’a-t-il déjà inscrite?',
  'bot.business.register': 'Inscrire mon entreprise',
  'bot.business.register_hint':
    'Il vous faut le numéro d’entreprise et le code d’activation (secret partagé) que l’ASFC vous a envoyés par courriel.',
  'bot.business.join': 'Je me joins à une entreprise inscrite',
  'bot.business.join_hint':
    'Le propriétaire du compte d’entreprise vous ajoute avec votre NRU, votre nom de famille et votre courriel.',
  'bot.business.join_confirm.title': 'Terminer sans entreprise?',
  'bot.business.join_confirm.text':
    'Votre inscription se termine avec votre compte d’utilisateur seulement. Donnez au propriétaire de votre entreprise votre NRU, votre nom de famille et votre courriel pour qu’il vous ajoute.',
  'bot.business.join_confirm.confirm': 'Terminer',
  'bot.business.title': 'Compte d’entreprise',
  'bot.business.submit': 'Vérifier et créer',
  'bot.business.back': 'Retour',
  'bot.business.intro':
    'Vous devenez le propriétaire du compte d’entreprise : la seule personne qui peut le modifier ou le supprimer et attribuer tous les rôles.',
  'bot.business.business_number': 'Numéro d’entreprise',
  'bot.business.business_number_hint':
    'Les 15 caractères de votre compte de programme d’importation-exportation (RM), par exemple 123456782RM0001.',
  'bot.business.shared_secret': 'Code d’activation (secret partagé)',
  'bot.business.shared_secret_hint':
    'Tiré du courriel de l’ASFC qui a approuvé votre BSF831. Il est valide 90 jours et ne sert qu’une fois.',
  'bot.business.shared_secret_warning':
    ':lock: *Ne communiquez jamais votre code d’activation*, pas même au personnel de l’ASFC. CERS Onboard ne l’affiche jamais, ne le conserve pas et ne l’écrit dans aucun message.',
  'bot.business.retype_secret':
    'Pour votre protection, le code d’activation n’a pas été conservé : tapez-le de nouveau.',
  'bot.business.position_title': 'Votre titre de poste',
  'bot.business.address_line1': 'Adresse postale',
  'bot.business.address_line2': 'Adresse, ligne 2',
  'bot.business.city': 'Ville',
  'bot.business.province': 'Province, territoire ou État',
  'bot.business.province_hint': 'Au Canada, le code à 2 lettres, par exemple QC ou ON.',
  'bot.business.postal_code': 'Code postal',
  'bot.business.country': 'Pays',
  'bot.business.country_hint': 'Le code à 2 lettres, par exemple CA.',
  'bot.business.phone': 'Téléphone de l’entreprise',
  'bot.business.email': 'Courriel de l’entreprise',
  // Un compte d’entreprise après la première inscription (ticket 15, point 1).
  'business_again.register': 'Inscrire un compte d’entreprise',
  'business_again.choice':
    'Inscrivez un compte d’entreprise au portail du SCDE. Votre compte d’utilisateur, votre NRU et votre connexion restent les mêmes; vous devenez le propriétaire du nouveau compte d’entreprise.',
  'business_again.not_now': 'Pas maintenant',
  'business_again.not_now_hint': 'Rien n’est inscrit; vous pouvez revenir à tout moment.',
  'business_again.title': 'Votre inscription',
  'business_again.cancelled':
    'Aucun compte d’entreprise n’a été inscrit cette fois. Votre compte d’utilisateur et votre NRU sont inchangés.',
  'business_again.expired':
    'Cette inscription d’un compte d’entreprise a expiré faute d’activité; rien n’a été inscrit. Votre compte d’utilisateur et votre NRU sont inchangés.',
  'business_again.your_businesses': '*Vos comptes d’entreprise*',
  'business_again.none': 'Vous n’êtes membre d’aucun compte d’entreprise.',
  'business_again.hint':
    'Une autre entreprise, ou une que vous avez supprimée? Inscrivez-la avec son numéro d’entreprise et le code d’activation que l’ASFC vous a envoyé par courriel (un nouveau après une suppression).',
  'business_again.completed':
    ':white_check_mark: Votre compte d’entreprise est inscrit : vous en êtes le propriétaire.',
  'bot.processing.title': 'Un instant…',
  'bot.processing.text':
    ':hourglass_flowing_sand: Vérification auprès de l’ASFC. Cela prend habituellement quelques secondes; si vous fermez cette fenêtre, je vous enverrai le résultat dans un message.',
  'bot.loading': ':hourglass_flowing_sand: Un instant, je cherche votre inscription…',
  'bot.completed.intro': ':white_check_mark: Votre inscription au portail du SCDE est terminée.',
  'bot.completed.urn_label': 'Votre numéro de référence de l’utilisateur (NRU)',
  'bot.completed.urn_help':
    'Conservez-le : les propriétaires vous ajoutent à leur compte d’entreprise avec ce numéro, et l’USTCC (1-888-957-7224) vous le demande quand vous appelez.',
  'bot.completed.business_summary': '*Votre compte d’entreprise*',
  'bot.completed.business_number': 'Numéro d’entreprise',
  'bot.completed.role': 'Votre rôle',
  'bot.completed.role_owner': 'Propriétaire (compte d’entreprise du portail)',
  'bot.completed.position_title': 'Titre de poste',
  'bot.completed.status': 'État',
  'bot.completed.status_active': 'Actif',
  'bot.completed.joining':
    'Vous n’avez pas encore de compte d’entreprise. Donnez au propriétaire de votre entreprise votre NRU, votre nom de famille et votre courriel pour qu’il vous ajoute.',
  'bot.ended.expired':
    'Cette inscription a expiré faute d’activité pendant longtemps. Ce que vous avez déjà créé, comme votre compte d’utilisateur et votre NRU, est conservé.',
  'bot.ended.cancelled':
    'Vous avez mis fin à cette inscription. Ce que vous avez déjà créé, comme votre compte d’utilisateur et votre NRU, est conservé.',
  'bot.ended.start_again': 'Recommencer',
  'bot.stale': 'Ce bouton appartenait à une étape précédente; votre inscription a avancé. Voici où vous en êtes.',
  'bot.error.generic':
    'Un problème est survenu de notre côté et rien n’a été modifié. Veuillez réessayer dans un instant.',
  'bot.error.after_step':
    'Vos renseignements ont été enregistrés, mais je n’ai pas pu afficher l’étape suivante. Tapez /cers pour continuer.',
  'bot.error.title': ':warning: {message}',
  'bot.error.what_to_do': 'Que faire : {text}',
  'bot.help.cru':
    'Code d’activation perdu ou expiré? Seule l’Unité de l’enregistrement commercial de l’ASFC en émet un nouveau : répondez au courriel de l’ASFC qui vous a transmis le code, ou appelez l’USTCC au 1-888-957-7224 (1-613-946-0762 de l’étranger), du lundi au vendredi, de 8 h à 17 h (heure de l’Est).',
  'bot.help.title': 'Aide : CERS Onboard',
  'bot.help.steps': '*L’inscription au portail du SCDE se fait en quatre étapes, dans cet ordre :*',
  'bot.help.step_line': '*{step}* : {action}',
  'bot.help.urn':
    '*À quoi sert votre NRU*\nQuand vous créez votre compte d’utilisateur, le SCDE vous donne un numéro de référence de l’utilisateur (NRU), à vous seul. Conservez-le : le service d’aide de l’USTCC vous identifie avec ce numéro quand vous appelez, et le propriétaire d’un compte d’entreprise vous y ajoute avec votre NRU.',
  'bot.help.tccu':
    '*Questions ou problèmes : l’USTCC*\nL’Unité de soutien technique commercial à la clientèle de l’ASFC : 1-888-957-7224, ou 1-613-946-0762 de l’étranger; courriel tccu-ustcc@cbsa-asfc.gc.ca.\nDu lundi au vendredi, de 8 h à 17 h (heure de l’Est); problèmes urgents : 24 heures sur 24, 7 jours sur 7.',
  'bot.help.more':
    '*Plus d’aide :* <{url}|Aide et soutien du portail du SCDE>, sur le site Web de l’ASFC : l’inscription au portail du SCDE, son utilisation et le soutien technique.',
  'bot.home.title': 'CERS Onboard',
  'bot.home.intro':
    'Inscrivez-vous au portail du Système canadien de déclaration des exportations (SCDE) de l’ASFC, étape par étape, ici même dans Slack.',
  'bot.home.not_started': 'Vous n’avez pas encore commencé d’inscription. Cela prend environ cinq minutes.',
  'bot.home.current_step': '*Où vous en êtes :* {step}',
  'bot.home.urn': '*Votre NRU :* `{urn}`',
  'bot.home.deadline': 'Sans activité, cette inscription expire le {deadline}.',
  'bot.home.next': '*Prochaine étape :* {action}',
  'bot.home.start': 'Commencer l’inscription',
  'bot.home.continue': 'Poursuivre l’inscription',
  'bot.home.view': 'Voir mon inscription',
  'bot.next.credential': 'connectez-vous avec votre CléGC ou votre partenaire de connexion.',
  'bot.next.terms': 'lisez et acceptez les conditions d’utilisation.',
  'bot.next.userAccount': 'créez votre compte d’utilisateur (nom, courriel, téléphone, langue).',
  'bot.next.businessAccount':
    'inscrivez votre entreprise avec son code d’activation, ou indiquez que vous vous joignez à une entreprise inscrite.',
  'bot.next.completed': 'rien, c’est terminé. Conservez votre NRU.',
  'bot.next.ended': 'commencez une nouvelle inscription quand vous serez prêt.',
  'bot.notice.reminder': ':bell: Votre inscription au SCDE vous attend à l’étape *{step}*.',
  'bot.notice.reminder_deadline': 'Elle expire le {deadline} sans activité de votre part.',
  'bot.notice.expired':
    'Votre inscription au SCDE a expiré à l’étape *{step}* faute d’activité. Tapez /cers pour recommencer.',
  'bot.notice.completed': ':tada: Votre inscription au SCDE est terminée.',
  'bot.command.help':
    '`/cers` : commencer ou poursuivre votre inscription au portail du SCDE de l’ASFC\n`/cers comptes` : vos comptes d’entreprise, leurs membres et leurs messages\n`/cers joindre` : demander à vous joindre à un compte d’entreprise\n`/cers aide` : cette aide\nVous pouvez aussi m’écrire ici ou ouvrir mon onglet Accueil.',
  'bot.command.accounts_hint':
    'Tapez `/cers comptes` pour les gérer, ou `/cers joindre` pour demander à vous joindre à un autre.',
  'bot.command.unknown': 'Je ne connais pas « {text} ».',
  'role.owner': 'Propriétaire',
  'role.proxy': 'Mandataire',
  'role.account_user': 'Utilisateur du compte',
  'role.account_browser': 'Consultant du compte',
  // Un rôle dans une phrase, avec sa préposition : « à titre d’utilisateur du compte ».
  'role.as.owner': 'à titre de propriétaire',
  'role.as.proxy': 'à titre de mandataire',
  'role.as.account_user': 'à titre d’utilisateur du compte',
  'role.as.account_browser': 'à titre de consultant du compte',
  'role.hint':
    'Propriétaire : tout, y compris le compte d’entreprise. Mandataire : déclarations, recherches, utilisateurs et consultants. Utilisateur : déclarations et recherches. Consultant : consultation seulement.',
  'validation.urn_format': 'Entrez le NRU de 12 chiffres, comme 1234-5678-9012.',
  'validation.urn_check_digit': 'Ce NRU n’est pas valide : vérifiez ses chiffres.',
  'validation.role_unknown': 'Choisissez l’un des rôles proposés.',
  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'request.field.name': 'Nom',
  'request.field.urn': 'NRU',
  'request.field.email': 'Courriel',
  'request.field.role': 'Rôle demandé',
  'request.access.lead': '*{name}* demande à se joindre au compte d’entreprise *{bn}* {asRole}.',
  'request.transfer.lead':
    '*{name}*, propriétaire du compte d’entreprise *{bn}*, propose de vous en confier la propriété.',
  'request.approve': 'Approuver',
  'request.reject': 'Refuser',
  'request.transfer.accept': 'Accepter la propriété',
  'request.transfer.decline': 'Décliner',
  'request.transfer.confirm_title': 'Devenir propriétaire ?',
  'request.transfer.confirm_text':
    'Vous deviendrez propriétaire du compte d’entreprise {bn} et en répondrez auprès de l’ASFC. Le propriétaire actuel devient mandataire.',
  'request.reminder': 'Rappel :',
  'request.reminder_deadline': 'Cette demande expire le {deadline} si personne ne décide.',
  'request.superseded': 'Un rappel a été publié plus bas : décidez-y.',
  'request.outcome.approved': ':white_check_mark: Approuvée par {by} le {at}.',
  'request.outcome.rejected': ':no_entry_sign: Refusée par {by} le {at}.',
  'request.outcome.transfer_accepted': ':white_check_mark: Acceptée par {by} le {at}.',
  'request.outcome.transfer_declined': ':no_entry_sign: Déclinée par {by} le {at}.',
  'request.outcome.expired': ':hourglass: Expirée le {at} : personne n’a décidé à temps.',
  'request.outcome.cancelled':
    'Fermée le {at} : plus nécessaire (retirée, déjà membre, ou compte d’entreprise supprimé).',
  'request.outcome.withdrawn': ':leftwards_arrow_with_hook: Retirée par {name} le {at}; rien à décider.',
  'request.requester.approved':
    ':white_check_mark: Votre demande pour vous joindre au compte d’entreprise *{bn}* {asRole} a été approuvée par {by}. Tapez `/cers comptes` pour le voir.',
  'request.requester.rejected':
    'Votre demande pour vous joindre au compte d’entreprise *{bn}* {asRole} a été refusée par {by}.',
  'request.requester.expired':
    'Votre demande pour vous joindre au compte d’entreprise *{bn}* a expiré : personne n’a décidé à temps. Vous pouvez la refaire avec `/cers joindre`.',
  'request.requester.cancelled':
    'Votre demande pour vous joindre au compte d’entreprise *{bn}* a été fermée : vous en êtes déjà membre, vous l’avez retirée, ou le compte d’entreprise a été supprimé.',
  'request.transfer_owner.approved':
    '{name} a accepté : cette personne est maintenant propriétaire du compte d’entreprise *{bn}*, et vous en êtes mandataire.',
  'request.transfer_owner.rejected':
    '{name} a décliné la propriété du compte d’entreprise *{bn}*. Vous en restez propriétaire.',
  'request.transfer_owner.expired':
    'Votre transfert de propriété du compte d’entreprise *{bn}* à {name} a expiré sans réponse. Vous en restez propriétaire.',
  'request.transfer_owner.cancelled':
    'Votre transfert de propriété du compte d’entreprise *{bn}* à {name} a été fermé. Vous en restez propriétaire.',
  'request.reason': '*Motif donné :* {reason}',
  'request.closed': 'Cette demande n’attend plus de décision ; rien n’a été modifié.',
  'request.closed_by': 'Cette demande a déjà été tranchée par {by} ; rien n’a été modifié.',
  'request.refused.business_closed': 'Ce compte d’entreprise a été supprimé.',
  'request.refused.already_member': 'Vous êtes déjà membre de ce compte d’entreprise.',
  'request.refused.not_registered':
    'Seul un utilisateur connecté avec un justificatif vérifié et ayant créé un compte d’utilisateur peut demander à se joindre à un compte d’entreprise.',
  'request.refused.not_member': 'La personne n’est plus membre de ce compte d’entreprise.',
  'request.refused.proposer_not_owner':
    'La personne qui l’a proposé n’est plus propriétaire de ce compte d’entreprise.',
  'request.refused.withdrawn': 'Elle a été retirée.',
  'request.refused.business_deleted': 'Le compte d’entreprise a été supprimé.',
  'request.refused.operator': 'Un agent de l’ASFC l’a fermée.',
  'request.refused.not_eligible':
    'Cette demande n’est pas possible : le rôle de propriétaire ne change de mains que par un transfert à un membre.',
  'request.pending_exists':
    'Vous avez déjà demandé à vous joindre à ce compte d’entreprise ; son propriétaire ou un mandataire décidera. Je vous en informerai ici.',
  'request.not_registered':
    'Terminez d’abord votre inscription (connexion, conditions et compte d’utilisateur) : tapez `/cers`. Vous pourrez ensuite demander à vous joindre à un compte d’entreprise.',
  'request.business_not_found':
    'Aucun compte d’entreprise actif n’a ce numéro d’entreprise. Vérifiez-le, ou demandez à l’entreprise de s’inscrire d’abord.',
  'request.sent':
    ':envelope: Votre demande pour vous joindre au compte d’entreprise *{bn}* {asRole} a été envoyée à son propriétaire{proxies}. Je vous informerai de la décision ici.',
  'request.sent_proxies': ' et à ses mandataires',
  'request.reject_modal.title': 'Refuser la demande',
  'request.reject_modal.text':
    'Refuser la demande de {name} pour se joindre à *{bn}* {asRole} ? Cette personne saura qui l’a refusée.',
  'request.reject_modal.reason': 'Motif',
  'request.reject_modal.reason_hint': 'Ce motif est communiqué au demandeur.',
  'request.reject_modal.submit': 'Refuser',
  'request.decision_refused': ':warning: {message}',
  'accounts.title': 'Comptes d’entreprise',
  'accounts.none':
    'Vous n’êtes membre d’aucun compte d’entreprise. Pour vous joindre à un compte, demandez à son propriétaire de vous ajouter avec votre NRU, votre nom de famille et votre courriel, ou demandez l’accès.',
  'accounts.item': '*{bn}* · {role}',
  'accounts.not_registered':
    'Vous n’avez pas encore de compte d’utilisateur. Tapez `/cers` pour vous inscrire ; vos comptes d’entreprise s’afficheront ensuite ici.',
  'accounts.request_access': 'Demander l’accès',
  'accounts.members': 'Membres',
  'accounts.messages': 'Messages',
  'accounts.add_member': 'Ajouter un utilisateur',
  'accounts.edit_contact': 'Modifier les coordonnées',
  'accounts.transfer': 'Transférer la propriété',
  'accounts.delete': 'Supprimer',
  'accounts.my_requests': 'Vos demandes en attente de décision',
  'accounts.my_request.access': 'Pour vous joindre à *{bn}* {asRole}',
  'accounts.my_request.transfer': 'Transfert de propriété de *{bn}*',
  'accounts.withdraw': 'Retirer',
  'accounts.leave': 'Quitter',
  'accounts.leave_confirm.title': 'Quitter ce compte d’entreprise?',
  'accounts.leave_confirm.text':
    'Vous perdez aussitôt votre rôle dans le compte d’entreprise {bn}. Son propriétaire et ses mandataires en sont avisés.',
  'accounts.left':
    'Vous avez quitté le compte d’entreprise *{bn}*. Son propriétaire et ses mandataires en sont avisés.',
  'accounts.withdraw_confirm.title': 'Retirer cette demande?',
  'accounts.withdraw_confirm.text':
    'Votre demande concernant le compte d’entreprise {bn} est fermée, et ceux qui devaient la décider en sont avisés.',
  'accounts.withdrawn':
    'Votre demande concernant le compte d’entreprise *{bn}* est retirée; ceux qui devaient la décider en sont avisés.',
  'accounts.pending_requests': plural('count', {
    one: '{count} demande en attente de décision.',
    other: '{count} demandes en attente de décision.',
  }),
  'pending.title': 'Demandes qui attendent votre décision',
  'pending.who': 'NRU `{urn}` · {email} · demandée le {at}',
  'pending.more': plural('count', {
    one: '{count} autre demande attend, plus récente que celles-ci : décidez d’abord celles-ci pour la voir.',
    other: '{count} autres demandes attendent, plus récentes que celles-ci : décidez d’abord celles-ci pour les voir.',
  }),
  'pending.own_hint': 'Pour en retirer une, ouvrez vos comptes d’entreprise (`/cers comptes`).',
  'access_form.title': 'Demander l’accès',
  'access_form.intro':
    'Demandez à vous joindre à un compte d’entreprise existant. Son propriétaire (et, pour un utilisateur ou un consultant, ses mandataires) recevra votre nom, votre NRU et votre courriel, et décidera.',
  'access_form.business_number': 'Numéro d’entreprise (15 caractères)',
  'access_form.role': 'Rôle demandé',
  'access_form.submit': 'Envoyer',
  'members.title': 'Membres',
  'members.item': '*{name}* · `{urn}` · {role}',
  'members.you': ' (vous)',
  'members.change_role': 'Changer le rôle',
  'members.remove': 'Retirer',
  'members.remove_confirm.title': 'Retirer ce membre ?',
  'members.remove_confirm.text': '{name} perd immédiatement l’accès au compte d’entreprise {bn}.',
  'members.removed': '{name} a été retiré du compte d’entreprise *{bn}*.',
  'members.role_changed': '{name} a maintenant le rôle *{role}* dans le compte d’entreprise *{bn}*.',
  'members.added': '{name} a été ajouté au compte d’entreprise *{bn}* {asRole}.',
  'members.user_not_matched':
    'Aucun compte d’utilisateur ne correspond à la fois à ce NRU, à ce nom de famille et à ce courriel. Vérifiez les trois avec la personne.',
  'members.already_member': 'Cet utilisateur est déjà membre de ce compte d’entreprise.',
  'members.not_member': 'Cette personne n’est plus membre de ce compte d’entreprise.',
  'members.you_were_added':
    ':wave: {actor} vous a ajouté au compte d’entreprise *{bn}* {asRole}. Tapez `/cers comptes` pour le voir.',
  'members.your_role_changed': '{actor} a changé votre rôle dans le compte d’entreprise *{bn}* : *{role}*.',
  'members.you_were_removed': '{actor} vous a retiré du compte d’entreprise *{bn}*.',
  'members.member_left': '{actor} a quitté le compte d’entreprise *{bn}* (rôle : {role}).',
  'add_form.title': 'Ajouter un utilisateur',
  'add_form.intro':
    'Les trois doivent correspondre au compte d’utilisateur de la personne. Demandez-lui son NRU : il figure sur sa confirmation du SCDE.',
  'add_form.urn': 'NRU',
  'add_form.family_name': 'Nom de famille',
  'add_form.email': 'Courriel',
  'add_form.role': 'Rôle',
  'add_form.submit': 'Ajouter',
  'role_form.title': 'Changer le rôle',
  'role_form.intro': 'Nouveau rôle de {name} dans le compte d’entreprise {bn}.',
  'role_form.submit': 'Changer',
  'messages.title': 'Messages',
  'messages.none': 'Aucun message pour ce compte d’entreprise.',
  'messages.item': '{at} · {text}',
  'business.message.access_requested': '{subject} a demandé à se joindre {asRole}.',
  'business.message.access_approved': '{subject} s’est joint {asRole}, approuvé par {actor}.',
  'business.message.access_rejected': 'La demande de {subject} pour se joindre {asRole} a été refusée par {actor}.',
  'business.message.access_expired': 'La demande de {subject} pour se joindre {asRole} a expiré sans décision.',
  'business.message.member_added': '{actor} a ajouté {subject} {asRole}.',
  'business.message.role_changed': '{actor} a changé le rôle de {subject} : {from} → {role}.',
  'business.message.member_removed': '{actor} a retiré {subject} ({role}).',
  'business.message.member_left': '{subject} a quitté le compte ({role}).',
  'business.message.contact_updated': '{actor} a mis à jour les coordonnées du compte d’entreprise.',
  'business.message.contact_fields_updated': '{actor} a mis à jour les coordonnées du compte d’entreprise : {changed}.',
  // Les champs qu’un message contact_fields_updated nomme (colonnes d’activities/account-changes.ts).
  'business.contact_field.ownerPositionTitle': 'titre de poste',
  'business.contact_field.ownerAddressLine1': 'adresse postale',
  'business.contact_field.ownerAddressLine2': 'ligne 2 de l’adresse',
  'business.contact_field.ownerCity': 'ville',
  'business.contact_field.ownerProvince': 'province ou État',
  'business.contact_field.ownerPostalCode': 'code postal',
  'business.contact_field.ownerCountry': 'pays',
  'business.contact_field.ownerPhone': 'téléphone',
  'business.contact_field.ownerEmail': 'courriel',
  'business.message.ownership_transfer_approved': 'Propriété transférée : {subject} est maintenant propriétaire.',
  'business.message.ownership_transfer_rejected': '{subject} a décliné la propriété.',
  'business.message.ownership_transfer_expired': 'Un transfert de propriété à {subject} a expiré sans réponse.',
  'business.message.business_deleted': '{actor} a supprimé le compte d’entreprise.',
  // L’historique d’un compte d’entreprise et la pagination (bot/history/), pour le propriétaire et les mandataires.
  'accounts.history': 'Historique',
  'history.title': 'Historique',
  'history.none': 'Rien n’est encore consigné pour ce compte d’entreprise.',
  'history.item': '{at} · {text}',
  'history.refused': 'Seuls le propriétaire et les mandataires d’un compte d’entreprise peuvent en voir l’historique.',
  'history.system': 'CERS Onboard',
  'history.former_user': 'un ancien utilisateur',
  'history.business_account.created': '{actor} a inscrit le compte d’entreprise.',
  'history.business_account.contact_updated': '{actor} a mis à jour les coordonnées : {changed}.',
  'history.business_account.contact_unchanged': '{actor} a enregistré les coordonnées sans changement.',
  'history.business_account.deleted': '{actor} a supprimé le compte d’entreprise.',
  'history.membership.added': '{actor} a ajouté {subject} {asRole}.',
  'history.membership.role_changed': '{actor} a changé le rôle de {subject} : {from} → {role}.',
  'history.membership.removed': '{actor} a retiré {subject} ({role}).',
  'history.membership.ended_by_deletion':
    'Le rôle de {subject} ({role}) a pris fin avec la suppression du compte d’entreprise.',
  'history.membership.left': '{subject} a quitté le compte ({role}).',
  'history.membership.ownership_received': '{subject} est devenu propriétaire (auparavant : {from}).',
  'history.membership.ownership_handed_over': '{subject} a cédé la propriété ; nouveau rôle : {role}.',
  'history.role_request.opened': '{actor} a demandé à se joindre {asRole}.',
  'history.role_request.approved': '{actor} a approuvé la demande de {subject} pour se joindre {asRole}.',
  'history.role_request.rejected': '{actor} a refusé la demande de {subject} pour se joindre {asRole}.',
  'history.role_request.expired': 'La demande de {subject} pour se joindre {asRole} a expiré sans décision.',
  'history.role_request.withdrawn': '{subject} a retiré sa demande pour se joindre {asRole}.',
  'history.role_request.cancelled': 'La demande de {subject} pour se joindre {asRole} a été close sans décision.',
  'history.ownership_transfer.proposed': '{actor} a proposé de transférer la propriété à {subject}.',
  'history.ownership_transfer.approved': '{subject} a accepté la propriété.',
  'history.ownership_transfer.rejected': '{subject} a décliné la propriété.',
  'history.ownership_transfer.expired': 'Le transfert de propriété à {subject} a expiré sans réponse.',
  'history.ownership_transfer.cancelled': 'Le transfert de propriété à {subject} a été clos sans réponse.',
  'paging.older': 'Plus anciens',
  'paging.newer': 'Plus récents',
  'paging.invalid': 'Ce bouton de page n’est pas valide (il vient peut-être d’une vue modifiée). Rouvrez la liste.',
  // Account changes (workflows/account-change).
  'members.business_deleted': '{actor} a supprimé le compte d’entreprise *{bn}* : votre rôle y a pris fin.',
  'members.business_closed': 'Ce compte d’entreprise a été supprimé ; rien n’a changé.',
  'contact_form.title': 'Coordonnées',
  'contact_form.intro':
    'Les coordonnées du propriétaire du compte d’entreprise *{bn}*, telles que l’ASFC les utilisera.',
  'contact_form.submit': 'Enregistrer',
  'contact_form.saved': 'Les coordonnées du compte d’entreprise *{bn}* sont à jour.',
  'transfer_form.title': 'Transférer la propriété',
  'transfer_form.intro':
    'Choisissez le membre qui deviendra propriétaire du compte d’entreprise *{bn}*. Cette personne doit accepter; d’ici là, vous restez propriétaire. Vous deviendrez ensuite mandataire.',
  'transfer_form.new_owner': 'Nouveau propriétaire',
  'transfer_form.submit': 'Continuer',
  'transfer_form.no_members':
    'Personne ne peut encore recevoir la propriété : elle va à un membre existant. Ajoutez d’abord la personne.',
  'transfer_form.confirm':
    'Transférer la propriété du compte d’entreprise *{bn}* à *{name}* ? Cette personne devra accepter; vous deviendrez alors mandataire.',
  'transfer_form.confirm_button': 'Oui, proposer le transfert',
  'transfer_form.sent':
    'Le transfert a été proposé à {name}. Vous restez propriétaire jusqu’à son acceptation; je vous informerai de sa réponse.',
  'transfer_form.pending': 'Un transfert de ce compte d’entreprise attend déjà une réponse.',
  'delete_form.title': 'Supprimer le compte',
  'delete_form.intro':
    'Supprimer le compte d’entreprise *{bn}* met fin immédiatement à toutes les adhésions, y compris la vôtre, et retire les demandes en attente. Son historique reste dans la piste d’audit. C’est irréversible.',
  'delete_form.confirm_label': 'Tapez le numéro d’entreprise pour confirmer',
  'delete_form.confirm_hint': 'Les 15 caractères, p. ex. 123456782RM0001.',
  'delete_form.submit': 'Supprimer',
  'delete_form.mismatch': 'Ce n’est pas le numéro d’entreprise de ce compte.',
  'delete_form.deleted': 'Le compte d’entreprise *{bn}* est supprimé. Son historique est conservé.',
  'signin.page.title': 'Connexion à CERS Onboard',
  'signin.page.title_done': 'Vous êtes connecté',
  'signin.page.confirm':
    'Ce lien sert à la connexion à CERS Onboard de {name} : le justificatif avec lequel vous vous connecterez sera lié à son inscription au SCDE.',
  'signin.page.confirm_warning':
    'Si vous n’êtes pas {name}, arrêtez ici et fermez cette page : demandez votre propre lien dans Slack.',
  'signin.page.continue': 'Continuer vers la connexion',
  'signin.page.return': 'Vous pouvez fermer cette page et retourner dans Slack.',
  'signin.page.linked':
    'Votre justificatif est lié à votre inscription au SCDE. Slack est passé à l’étape suivante : acceptez-y les conditions d’utilisation.',
  'signin.page.linked_to':
    'Vous vous êtes connecté avec {provider}. Le justificatif est maintenant lié à l’inscription au SCDE de {name} dans Slack, qui est passé à l’étape suivante : acceptez-y les conditions d’utilisation.',
  'signin.page.cookies_blocked':
    'Votre navigateur n’a pas gardé le témoin de connexion ; la connexion ne peut donc pas se poursuivre en toute sécurité. Autorisez les témoins pour ce site, puis rouvrez le lien à partir de son bouton dans Slack.',
  'signin.page.not_from_page':
    'Cette demande ne vient pas de la page de connexion de CERS Onboard ; rien ne s’est produit. Ouvrez votre lien de connexion à partir de son bouton dans Slack et appuyez sur Continuer.',
  'signin.page.already_linked':
    'Ce justificatif est déjà lié à un autre compte d’utilisateur du SCDE ; il n’a donc pas été lié à cette inscription. Connectez-vous avec le justificatif utilisé auparavant, ou avec un autre.',
  'signin.page.wrong_step': 'Votre inscription a déjà dépassé l’étape de connexion ; rien n’a été modifié.',
  'signin.page.invalid': 'Ce lien de connexion n’est pas valide. Dans Slack, demandez un nouveau lien.',
  'signin.page.expired':
    'Ce lien de connexion a expiré (les liens durent 10 minutes). Dans Slack, demandez-en un nouveau.',
  'signin.page.used': 'Ce lien de connexion a déjà servi dans un autre navigateur. Dans Slack, demandez-en un nouveau.',
  'signin.page.open_from_slack':
    'Ouvrez ce lien de connexion à partir de son bouton dans Slack, dans la conversation où vous l’avez demandé.',
  'signin.page.other_browser':
    'Cette connexion a été commencée dans un autre navigateur. Ouvrez dans ce navigateur un nouveau lien obtenu dans Slack.',
  'signin.page.unavailable':
    'Le service de connexion ne répond pas pour le moment. Rien n’a été modifié : réessayez dans quelques minutes avec un nouveau lien obtenu dans Slack.',
  'signin.page.cancelled':
    'La connexion a été annulée ; rien n’a été modifié. Pour réessayer, demandez un nouveau lien dans Slack.',
  'signin.page.failed':
    'La connexion n’a pas pu être vérifiée ; rien n’a été modifié. Demandez un nouveau lien dans Slack et réessayez.',
  'bot.signin.gckey': 'Se connecter avec CléGC',
  'bot.signin.partner': 'Se connecter avec un partenaire de connexion',
  'bot.signin.link_intro':
    'Votre lien de connexion {provider} est prêt. Il fonctionne une fois, pendant 10 minutes, dans le navigateur où vous l’ouvrez.',
  'bot.signin.open': 'Ouvrir la page de connexion',
  'bot.signin.new_link': 'Obtenir un nouveau lien',
  'bot.signin.expires':
    'Le lien expire à {time}. Une fois que vous serez connecté, cette fenêtre passera d’elle-même à l’étape suivante.',
  'bot.signin.provider_gckey': 'CléGC',
  'bot.signin.provider_partner': 'partenaire de connexion',
  // Recherches du soutien (`/cers support …`, operators/support/) : pour les agents du soutien CERS.
  'support.usage':
    'Recherchez quelqu’un avec `/cers support urn <NRU>`, `/cers support bn <numéro d’entreprise>` ou `/cers support email <courriel>` ; levez un verrou de secret partagé avec `/cers support unlock <numéro d’entreprise> <motif>`.',
  'support.unlock_usage':
    'Levez un verrou de secret partagé avec `/cers support unlock <numéro d’entreprise> <motif>` : le motif reste chiffré, et la piste d’audit note que vous l’avez levé.',
  'support.unlock_failed':
    'Le verrou n’a pas pu être levé pour l’instant (Temporal n’a pas répondu) : réessayez dans une minute.',
  'support.invalid.urn_empty': 'Donnez le NRU à rechercher, par exemple 1234-5678-9012.',
  'support.invalid.bn_empty': 'Donnez le numéro d’entreprise à rechercher, par exemple 123456782RM0001.',
  'support.invalid.email_empty': 'Donnez l’adresse courriel à rechercher.',
  'support.invalid.urn_format': 'Un NRU a 12 chiffres, écrits comme 1234-5678-9012.',
  'support.invalid.urn_check_digit':
    'Ce NRU échoue à son chiffre de contrôle : un chiffre est probablement mal tapé, ou deux sont inversés. Demandez à l’appelant de le relire.',
  'support.invalid.email': 'Ceci n’est pas une adresse courriel (comme nom@exemple.ca).',
  'support.refused.not_member':
    'Les recherches du soutien sont réservées à l’équipe de soutien CERS. Si vous en faites partie, demandez à un administrateur Slack de vous ajouter à son groupe d’utilisateurs.',
  'support.refused.not_configured':
    'Les recherches du soutien ne sont pas configurées dans cet espace de travail : aucun groupe d’utilisateurs du soutien n’est défini.',
  'support.refused.unavailable':
    'Je n’ai pas pu vérifier que vous faites partie de l’équipe de soutien; rien n’a été recherché. Réessayez dans une minute.',
  'support.lookup_failed':
    'La recherche a échoué (la base de données n’a pas répondu) : rien n’a été affiché ni consigné. Réessayez dans une minute.',
  'support.audited': 'Cette recherche est consignée dans la piste de vérification à votre nom.',
  'support.none.urn': 'Aucun compte d’utilisateur n’a ce NRU.',
  'support.none.email': 'Aucun compte d’utilisateur n’a cette adresse courriel.',
  'support.none.bn': 'Aucun compte d’entreprise CERS n’a le numéro d’entreprise {businessNumber}.',
  'support.person.title': 'Personne {number} sur {total}',
  'support.field.name': 'Nom',
  'support.field.email': 'Courriel',
  'support.field.language': 'Langue',
  'support.field.urn': 'NRU',
  'support.field.credential': 'Justificatif',
  'support.field.created': 'Compte créé',
  'support.field.memberships': 'Adhésions',
  'support.field.registration': 'Inscription',
  'support.field.locks': 'Verrous du secret partagé',
  'support.field.members': 'Membres',
  'support.field.requests': 'Demandes de rôle',
  'support.language.en': 'anglais',
  'support.language.fr': 'français',
  'support.credential.gckey': 'CléGC',
  'support.credential.sign_in_partner': 'partenaire de connexion',
  'support.credential.none': 'Aucun lié',
  'support.list.none': 'Aucun',
  'support.list.more': plural('count', { one: '…et un autre.', other: '…et {count} autres.' }),
  'support.people.more': plural('count', {
    one: '{count} autre personne a cette adresse courriel : utilisez `npm run support` pour voir tout le monde.',
    other: '{count} autres personnes ont cette adresse courriel : utilisez `npm run support` pour voir tout le monde.',
  }),
  'support.membership.item': '`{businessNumber}` · {role}',
  'support.membership.deleted': '`{businessNumber}` · {role} (compte d’entreprise supprimé)',
  'support.registration.running': 'En cours, à l’étape *{step}*.',
  'support.registration.deadline': 'Expire sans activité après le {deadline}.',
  'support.registration.attempts': plural('attemptsRemaining', {
    one: 'Il reste {attemptsRemaining} essai de code d’activation.',
    other: 'Il reste {attemptsRemaining} essais de code d’activation.',
  }),
  'support.registration.locked': 'Le dernier numéro d’entreprise essayé est verrouillé jusqu’au {lockedUntil}.',
  'support.registration.closed': 'Aucune en cours. La dernière a pris fin le {closedAt} : {outcome}.',
  'support.registration.none': 'Aucune en cours : Temporal n’a aucune inscription pour ce compte.',
  'support.registration.unreachable':
    'Inconnue : Temporal n’a pas répondu (injoignable, ou aucun travailleur pour répondre). Le reste vient de la base de données.',
  'support.lock.locked': plural('count', {
    one: '`{businessNumber}` : *verrouillé* jusqu’au {lockedUntil} ({count} code d’activation erroné).',
    other: '`{businessNumber}` : *verrouillé* jusqu’au {lockedUntil} ({count} codes d’activation erronés).',
  }),
  'support.lock.ended': plural('count', {
    one: '`{businessNumber}` : non verrouillé; un verrou a pris fin le {lockedUntil} ({count} code d’activation erroné compté).',
    other:
      '`{businessNumber}` : non verrouillé; un verrou a pris fin le {lockedUntil} ({count} codes d’activation erronés comptés).',
  }),
  'support.lock.counting': plural('count', {
    one: '`{businessNumber}` : non verrouillé ({count} code d’activation erroné compté).',
    other: '`{businessNumber}` : non verrouillé ({count} codes d’activation erronés comptés).',
  }),
  'support.workflows.query': 'Recherche dans l’interface Web de Temporal : `{query}`',
  'support.workflows.open': 'Ouvrir dans l’interface Web de Temporal',
  'support.business.title': 'Compte d’entreprise {businessNumber}',
  'support.business.active': 'Actif depuis le {createdAt}.',
  'support.business.deleted': 'Supprimé le {deletedAt} (créé le {createdAt}).',
  'support.business.member': '{name} · `{urn}` · {role}',
  'support.business.request': '{createdAt} · {kind} {asRole}, demandé par {name} (`{urn}`) : {status}',
  'support.request.access': 'Accès',
  'support.request.ownership_transfer': 'Transfert de propriété',
  'support.request.pending': 'en attente',
  'support.request.approved': 'approuvée',
  'support.request.rejected': 'refusée',
  'support.request.expired': 'expirée',
  'support.request.cancelled': 'annulée',
  'support.business.lock_none': 'Verrou du secret partagé : aucun.',
  'validation.support_agent':
    'Nommez l’agent avec des lettres, des chiffres et . _ @ : + - seulement (sans espace), p. ex. jdoe ou jdoe@cbsa-asfc.gc.ca.',
  'validation.support_request_id':
    'Un identifiant de demande compte de 8 à 100 lettres, chiffres et . _ : - (p. ex. celui que l’outil a affiché la première fois).',
  'validation.registration_id':
    'Ce n’est pas l’identifiant de flux de travail d’une inscription : il ressemble à registration:T0123:U0456.',
  'support.role_required': 'Seul un agent du soutien peut faire ceci : agissez avec le rôle {role} (--role {role}).',
  'support.agent_required': 'Indiquez qui agit : --agent <votre nom>, ou définissez CERS_SUPPORT_AGENT.',
  'support.unknown_command': 'Commande inconnue « {command} ». Commandes : {commands}.',
  'support.bad_arguments': 'Les arguments ne conviennent pas : {problem}.',
  'support.request_id':
    'Identifiant de demande {requestId} : la même commande avec --request {requestId} n’agit qu’une fois, peu importe combien de fois elle est lancée.',
  'support.lock_lifted':
    'Le verrou du code secret partagé de {businessNumber} est levé ({liftedAt}) : le demandeur a de nouveau ses 5 essais.',
  'support.lock_not_set': 'Aucun verrou n’est en vigueur sur {businessNumber} : rien n’a changé.',
  'support.authorization_not_found':
    'L’ASFC n’a aucune autorisation d’exportation pour {businessNumber} : rien n’a changé.',
  'support.reminder_sent': 'Rappel envoyé au demandeur de {workflowId} (étape {step}).',
  'support.reminder_not_delivered':
    'Le rappel pour {workflowId} est consigné, mais Slack ne l’a pas livré (le demandeur a peut-être quitté l’espace de travail).',
  'support.cancelled': 'L’inscription {workflowId} est annulée; elle était à l’étape {step}.',
  'support.completed_first':
    'L’inscription {workflowId} s’est terminée avant que l’annulation prenne effet : l’étape {step} en cours a abouti d’abord, donc rien n’a été annulé.',
  'support.ended_as': 'L’inscription {workflowId} s’est terminée à l’état {step}.',
  'support.stuck_none': 'Aucune inscription en cours n’est à la même étape depuis plus de {age}.',
  'support.stuck_found': plural('count', {
    one: '{count} inscription est à la même étape depuis plus de {age} :',
    other: '{count} inscriptions sont à la même étape depuis plus de {age} :',
  }),
  'support.stuck_row': '{workflowId}  étape {step} depuis {since}  {link}',
  'support.query': 'Requête de visibilité : {query}',
  'support.web_ui': 'Interface Web : {link}',
  'support.show_running': '{workflowId} : en cours, étape {step}, commencée le {startedAt}.',
  'support.show_deadline': 'Expire le {deadline} si le demandeur reste inactif.',
  'support.show_attempts':
    'Essais du code secret partagé restants pour le dernier numéro d’entreprise essayé : {attempts}.',
  'support.show_locked': 'Le dernier numéro d’entreprise essayé est verrouillé jusqu’au {lockedUntil}.',
  'support.show_ended': '{workflowId} : {status}, commencée le {startedAt}.',
  'support.show_ended_step': 'Elle s’est terminée à l’étape {step}.',
  'support.failed': 'L’action de soutien n’a pas abouti ({type}).',
  'codec.error.not_found': 'Introuvable : le serveur de codec répond à POST /decode et POST /encode.',
  'codec.error.method': 'Utilisez POST (ou OPTIONS pour une vérification CORS préalable).',
  'codec.error.origin': 'L’origine {origin} ne peut pas appeler ce serveur de codec (CERS_CODEC_ALLOWED_ORIGINS).',
  'codec.error.missing':
    'Connectez-vous d’abord : envoyez le jeton d’accès de l’interface Web ou un jeton d’opérateur (Authorization: Bearer).',
  'codec.error.invalid':
    'Ce jeton n’est pas valide ici : expiré, signé par un autre émetteur, destiné à une autre audience, ou inconnu.',
  'codec.error.no_role': 'Votre jeton ne porte aucun rôle de codec (operator ou privacy-officer).',
  'codec.error.not_json': 'Le corps n’est pas du JSON : attendu un objet dont « payloads » énumère les charges utiles.',
  'codec.error.shape':
    'Le corps n’est pas une liste de charges utiles telle que l’écrit le protocole de codec (métadonnées et données en base64) : à {path}, {problem}.',
  'codec.error.body_too_large':
    'Le corps dépasse la limite de {limit} octets : envoyez moins de charges utiles à la fois.',
  'codec.error.too_large': 'Une charge utile dépasse la taille maximale.',
  'codec.error.audit':
    'Le décodage n’a pas pu être consigné dans la piste d’audit; il n’a donc pas été servi. Réessayez sous peu.',
  'codec.error.internal': 'Le serveur de codec n’a pas pu répondre; l’erreur figure dans son journal.',
  'profile.title': 'Votre profil',
  'profile.intro':
    'Modifiez votre nom, votre téléphone, votre courriel ou votre langue. Une nouvelle adresse courriel s’applique une fois que vous avez saisi le code que nous y envoyons; d’ici là, votre adresse actuelle demeure en vigueur.',
  'profile.submit': 'Enregistrer',
  'profile.not_registered':
    'Votre profil existe une fois votre compte d’utilisateur créé : tapez /cers pour vous inscrire.',
  'profile.saved': 'Enregistré : {fields}.',
  'profile.unchanged': 'Rien n’a changé : votre profil était déjà tel quel.',
  'profile.ended': 'Cette modification du profil est terminée. Ouvrez votre profil pour recommencer.',
  'profile.field.givenName': 'prénom',
  'profile.field.familyName': 'nom de famille',
  'profile.field.phone': 'téléphone',
  'profile.field.language': 'langue',
  'profile.field.email': 'courriel',
  'profile.code.title': 'Confirmer le courriel',
  'profile.code.intro':
    'Nous avons envoyé un code de {digits} chiffres à *{email}*. Saisissez-le ci-dessous d’ici {minutes} minutes pour en faire votre adresse courriel. D’ici là, votre adresse actuelle demeure en vigueur.',
  'profile.code.label': 'Code reçu par courriel',
  'profile.code.hint': 'Les chiffres du courriel, par exemple 123456.',
  'profile.code.submit': 'Confirmer',
  'profile.code.resend': 'Envoyer un nouveau code',
  'profile.code.resent': 'Un nouveau code est en route; le précédent ne fonctionne plus.',
  'profile.code.incorrect': plural('attemptsRemaining', {
    one: 'Ce code n’est pas celui que nous avons envoyé. Il reste {attemptsRemaining} essai.',
    other: 'Ce code n’est pas celui que nous avons envoyé. Il reste {attemptsRemaining} essais.',
  }),
  'profile.code.expired':
    'Ce code est expiré; votre adresse courriel n’a donc pas changé. Ouvrez votre profil (/cers profil) pour réessayer.',
  'profile.code.exhausted':
    'Trop de codes erronés; votre adresse courriel n’a donc pas changé. Ouvrez votre profil (/cers profil) pour recommencer.',
  'profile.email_confirmed': 'Votre adresse courriel est maintenant *{email}*.',
  'profile.home.intro':
    'Votre nom, votre courriel, votre téléphone et la langue dans laquelle CERS Onboard vous parle.',
  'profile.home.button': 'Modifier mon profil',
  'profile.home.hint': 'Ou tapez /cers profil.',
  'profile.command.help': '`/cers profil` : votre nom, votre courriel, votre téléphone et votre langue',
  'profile.mail.subject': 'Votre code de confirmation CERS Onboard',
  'profile.mail.body':
    'Votre code de confirmation est ((code)). Saisissez-le dans Slack d’ici ((minutes)) minutes pour faire de cette adresse votre courriel pour CERS Onboard. Si vous n’avez rien demandé, ignorez ce message : rien ne change.',
  'validation.email_code_format': 'Saisissez les 6 chiffres du courriel.',
};
