package dev.casevault.corpus;

import java.util.List;

/**
 * The support vocabulary of the corpus: products, problem families with their subjects and
 * descriptions, and the lines agents and customers exchange, in English and French. {@code {p}}
 * stands for the product's display name, {@code {b}} for harmless bait such as an error code.
 */
final class Phrases {
  record Product(String slug, String name) {}

  record Problem(
      String tag,
      List<String> subjectsEn,
      List<String> subjectsFr,
      List<String> detailsEn,
      List<String> detailsFr) {}

  static final List<Product> PRODUCTS =
      List.of(
          new Product("office-365", "Office 365"),
          new Product("outlook", "Outlook"),
          new Product("teams", "Teams"),
          new Product("onedrive", "OneDrive"),
          new Product("surface-laptop", "Surface Laptop"),
          new Product("xbox-live", "Xbox Live"),
          new Product("azure-ad", "Azure AD"),
          new Product("dynamics-crm", "Dynamics CRM"),
          new Product("laserjet-pro", "LaserJet Pro printer"),
          new Product("fiber-router", "Fiber router"),
          new Product("ledger-cloud", "Ledger Cloud accounting"),
          new Product("mail-plus", "Mail Plus"));

  static final List<Problem> PROBLEMS =
      List.of(
          new Problem(
              "sign-in",
              List.of(
                  "Cannot sign in to {p}",
                  "{p} login fails with error {b}",
                  "Locked out of my {p} account",
                  "Password reset link for {p} not working"),
              List.of(
                  "Impossible de me connecter à {p}",
                  "Erreur {b} à la connexion sur {p}",
                  "Compte {p} bloqué",
                  "Le lien de réinitialisation du mot de passe {p} ne marche pas"),
              List.of(
                  "Since this morning every sign-in attempt to {p} ends with error {b}. I already cleared the browser cache and tried another computer.",
                  "The password reset email never arrives and my account is now locked after too many attempts.",
                  "Two-factor authentication keeps asking for a code that never comes by SMS."),
              List.of(
                  "Depuis ce matin chaque tentative de connexion à {p} se termine par l'erreur {b}. J'ai déjà vidé le cache du navigateur.",
                  "Le courriel de réinitialisation n'arrive jamais et mon compte est maintenant verrouillé.",
                  "La double authentification demande un code qui n'arrive jamais par SMS.")),
          new Problem(
              "billing",
              List.of(
                  "Charged twice for {p} subscription",
                  "Refund request for {p}",
                  "Invoice {b} is wrong",
                  "Unexpected renewal charge on {p}"),
              List.of(
                  "Double prélèvement pour l'abonnement {p}",
                  "Demande de remboursement {p}",
                  "La facture {b} est erronée",
                  "Renouvellement {p} facturé sans accord"),
              List.of(
                  "My card was charged twice this month for the same {p} plan, see order {b}. I would like a refund of the duplicate payment.",
                  "I cancelled {p} last month but the renewal was still billed.",
                  "The invoice lists ten licences although we only have four users."),
              List.of(
                  "Ma carte a été débitée deux fois ce mois-ci pour la même offre {p}, commande {b}. Je souhaite le remboursement du doublon.",
                  "J'ai résilié {p} le mois dernier mais le renouvellement a quand même été facturé.",
                  "La facture compte dix licences alors que nous n'avons que quatre utilisateurs.")),
          new Problem(
              "sync",
              List.of(
                  "{p} does not sync",
                  "Sync error {b} in {p}",
                  "Files missing after {p} sync",
                  "{p} stuck on processing changes"),
              List.of(
                  "{p} ne se synchronise plus",
                  "Erreur de synchronisation {b} dans {p}",
                  "Fichiers manquants après la synchro {p}",
                  "{p} bloqué sur traitement des modifications"),
              List.of(
                  "After the last update to version {b}, {p} stopped syncing on two of our laptops.",
                  "Half of the shared folder disappeared after the sync finished overnight.",
                  "The sync icon has been spinning for three days and nothing uploads."),
              List.of(
                  "Depuis la dernière mise à jour {b}, {p} ne synchronise plus sur deux de nos portables.",
                  "La moitié du dossier partagé a disparu après la synchronisation de cette nuit.",
                  "L'icône de synchronisation tourne depuis trois jours et rien ne part.")),
          new Problem(
              "hardware",
              List.of(
                  "{p} will not power on",
                  "Screen flickering on {p}",
                  "{p} overheating and shutting down",
                  "Keyboard not responding on {p}"),
              List.of(
                  "{p} ne s'allume plus",
                  "Écran qui scintille sur {p}",
                  "{p} surchauffe et s'éteint",
                  "Clavier qui ne répond plus sur {p}"),
              List.of(
                  "The device shows a blinking light and will not boot, serial number {b}.",
                  "The screen flickers whenever the charger is plugged in.",
                  "It shuts down after ten minutes with the fan at full speed."),
              List.of(
                  "L'appareil clignote et ne démarre pas, numéro de série {b}.",
                  "L'écran scintille dès que le chargeur est branché.",
                  "Il s'éteint au bout de dix minutes avec le ventilateur à fond.")),
          new Problem(
              "printer",
              List.of(
                  "Printer offline after update",
                  "{p} shows offline",
                  "Paper jam error {b} on {p}",
                  "Cannot print from Windows to {p}"),
              List.of(
                  "Imprimante hors ligne après la mise à jour",
                  "{p} apparaît hors ligne",
                  "Bourrage papier {b} sur {p}",
                  "Impossible d'imprimer depuis Windows sur {p}"),
              List.of(
                  "The printer shows offline on every computer since the firmware update {b}, although it is on the network.",
                  "It reports a paper jam but there is no paper stuck anywhere.",
                  "Print jobs stay in the queue and never print."),
              List.of(
                  "L'imprimante apparaît hors ligne sur tous les postes depuis la mise à jour {b}, alors qu'elle est bien sur le réseau.",
                  "Elle signale un bourrage papier mais il n'y a aucune feuille coincée.",
                  "Les impressions restent dans la file d'attente.")),
          new Problem(
              "outage",
              List.of(
                  "{p} down for our whole office",
                  "Service outage on {p}",
                  "{p} very slow since yesterday",
                  "Error {b} for all users of {p}"),
              List.of(
                  "{p} en panne pour tout le bureau",
                  "Panne du service {p}",
                  "{p} très lent depuis hier",
                  "Erreur {b} pour tous les utilisateurs de {p}"),
              List.of(
                  "Nobody in our office can reach {p} since 9am; the status page says everything is fine.",
                  "Pages take more than a minute to load and time out with {b}.",
                  "The connection drops every few minutes for all forty users."),
              List.of(
                  "Personne au bureau n'accède à {p} depuis 9h ; la page d'état indique que tout va bien.",
                  "Les pages mettent plus d'une minute à charger puis échouent avec {b}.",
                  "La connexion tombe toutes les quelques minutes pour nos quarante utilisateurs.")),
          new Problem(
              "data-loss",
              List.of(
                  "Emails deleted from {p}",
                  "Lost documents in {p}",
                  "Restore deleted data in {p}",
                  "Contacts disappeared from {p}"),
              List.of(
                  "Courriels supprimés de {p}",
                  "Documents perdus dans {p}",
                  "Restaurer des données supprimées dans {p}",
                  "Contacts disparus de {p}"),
              List.of(
                  "All emails older than March disappeared from the inbox, including invoices we need for the audit.",
                  "A colleague deleted the project folder by mistake and the recycle bin is empty.",
                  "Our contact list is empty after the migration {b}."),
              List.of(
                  "Tous les courriels antérieurs à mars ont disparu, y compris des factures nécessaires pour l'audit.",
                  "Un collègue a supprimé le dossier du projet par erreur et la corbeille est vide.",
                  "Notre liste de contacts est vide après la migration {b}.")),
          new Problem(
              "network",
              List.of(
                  "Wi-Fi keeps disconnecting on {p}",
                  "No internet after {p} reset",
                  "{p} VPN connection fails",
                  "Slow network with {p}"),
              List.of(
                  "Le Wi-Fi se déconnecte sans cesse sur {p}",
                  "Plus d'internet après la réinitialisation {p}",
                  "Échec de connexion VPN {p}",
                  "Réseau lent avec {p}"),
              List.of(
                  "The Wi-Fi drops every twenty minutes and the lights on the box turn orange.",
                  "After a factory reset there is no internet at all, error {b}.",
                  "The VPN connects but no internal site opens."),
              List.of(
                  "Le Wi-Fi coupe toutes les vingt minutes et les voyants de la box passent à l'orange.",
                  "Après une réinitialisation d'usine plus d'internet du tout, erreur {b}.",
                  "Le VPN se connecte mais aucun site interne ne s'ouvre.")));

  static final List<String> BAIT =
      List.of(
          "0x80070005",
          "0x8004010F",
          "KB5034441",
          "16.0.4266.1001",
          "2.3.17",
          "ERR-4021",
          "SN-7QX3-22K9",
          "#A-48213",
          "order 88412773",
          "v1909",
          "INC0012345",
          "build 19045.3803");

  static final List<String> GREETINGS_EN = List.of("Hi", "Hello", "Dear", "Good morning", "Hey");
  static final List<String> GREETINGS_FR =
      List.of("Bonjour", "Bonsoir", "Salut", "Madame, Monsieur,", "Bonjour Mme", "Bonjour M.");
  static final List<String> SIGNOFFS_EN =
      List.of("Thanks,", "Regards,", "Best regards,", "Cheers,", "Kind regards,");
  static final List<String> SIGNOFFS_FR =
      List.of("Merci,", "Cordialement,", "Bien à vous,", "Merci d'avance,");

  static final List<String> AGENT_EN =
      List.of(
          "Thank you for contacting support. I am sorry for the trouble.",
          "Could you please confirm the exact error message and when it started?",
          "I have escalated this to our second-level team; they will reply within 24 hours.",
          "Please try signing out, clearing the cache and restarting the application.",
          "I can see the issue on our side and a fix is being deployed.",
          "The refund has been approved and will appear on your statement in 5 to 7 days.",
          "Could you send us a screenshot of the error?",
          "I have reset the configuration; can you check whether it works now?");
  static final List<String> AGENT_FR =
      List.of(
          "Merci d'avoir contacté le support. Je suis désolé pour ce désagrément.",
          "Pouvez-vous me confirmer le message d'erreur exact et depuis quand cela arrive ?",
          "J'ai transmis votre demande au support de niveau 2, qui vous répondra sous 24 heures.",
          "Pouvez-vous vous déconnecter, vider le cache et redémarrer l'application ?",
          "Je vois le problème de notre côté, un correctif est en cours de déploiement.",
          "Le remboursement est validé et apparaîtra sur votre relevé sous 5 à 7 jours.",
          "Pouvez-vous nous envoyer une capture d'écran de l'erreur ?",
          "J'ai réinitialisé la configuration, pouvez-vous vérifier si cela fonctionne ?");
  static final List<String> CUSTOMER_EN =
      List.of(
          "It still does not work, same error as before.",
          "I tried that already and nothing changed.",
          "Thanks, that fixed it for most users but one laptop still fails.",
          "This is urgent, our whole team is blocked.",
          "Here is the screenshot you asked for.",
          "It worked for a day and then the problem came back.");
  static final List<String> CUSTOMER_FR =
      List.of(
          "Cela ne fonctionne toujours pas, même erreur qu'avant.",
          "J'ai déjà essayé et rien n'a changé.",
          "Merci, c'est réglé pour la plupart des postes mais un portable échoue encore.",
          "C'est urgent, toute l'équipe est bloquée.",
          "Voici la capture d'écran demandée.",
          "Cela a marché une journée puis le problème est revenu.");
  static final List<String> SYSTEM_EN =
      List.of(
          "Case reassigned to tier 2.",
          "Customer satisfaction survey sent.",
          "Automatic reminder: waiting for customer reply.");
  static final List<String> SYSTEM_FR =
      List.of(
          "Dossier réaffecté au niveau 2.",
          "Enquête de satisfaction envoyée.",
          "Relance automatique : en attente de la réponse du client.");
  static final List<String> NOTES_EN =
      List.of(
          "Known issue, linked to the problem record {b}.",
          "Customer was polite but frustrated; offered a goodwill credit.",
          "Checked the logs, nothing unusual on the tenant.",
          "Escalated to engineering, waiting for a hotfix.",
          "Do not close before the customer confirms.");
  static final List<String> NOTES_FR =
      List.of(
          "Problème connu, rattaché au dossier {b}.",
          "Client courtois mais agacé ; geste commercial proposé.",
          "Journaux vérifiés, rien d'anormal sur le tenant.",
          "Transmis à l'ingénierie, en attente d'un correctif.",
          "Ne pas clôturer avant confirmation du client.");
  static final List<String> TAGS =
      List.of(
          "vip",
          "refund",
          "escalated",
          "outage",
          "gdpr",
          "callback",
          "hardware-swap",
          "security",
          "billing",
          "known-issue");

  private Phrases() {}
}
