package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Credentials with the shapes real ones have: AWS key pairs, GitHub, Slack, Stripe and Google API
 * tokens, signed JWTs, the passwords people choose, and URLs carrying a user and password or a key.
 */
final class Secrets {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final String JWT_HEADER =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private static final String[] SYMBOLS = {"!", "?", "*", "#", "$", "@", ""};
  private static final String[] API_HOSTS = {
    "api.mailchimp-mirror.net",
    "app.invoicely.io",
    "api.shipfast.co",
    "erp.{domain}",
    "crm.{domain}",
    "intranet.{domain}"
  };
  private static final String[] URL_USERS = {"admin", "backup", "svc-sync", "ftpuser", "scanner"};

  private Secrets() {}

  static String awsKeyId(SplittableRandom r) {
    return "AKIA" + Pick.chars(r, BASE32, 16);
  }

  static String awsSecret(SplittableRandom r) {
    return Pick.chars(r, BASE64, 40);
  }

  /** One API token of a common kind. */
  static String token(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> awsKeyId(r);
      case 1 -> "ghp_" + Pick.chars(r, Pick.ALNUM, 36);
      case 2 ->
          "xoxb-"
              + Pick.digits(r, 12)
              + "-"
              + Pick.digits(r, 13)
              + "-"
              + Pick.chars(r, Pick.ALNUM, 24);
      case 3 -> "sk_live_" + Pick.chars(r, Pick.ALNUM, 24);
      case 4 -> "AIza" + Pick.chars(r, BASE64URL, 35);
      default -> jwt(r);
    };
  }

  /** A JWT with a real header and claims, and a signature of the right length. */
  static String jwt(SplittableRandom r) {
    long issued = 1_300_000_000L + r.nextInt(270_000_000);
    String claims =
        "{\"sub\":\""
            + Pick.digits(r, 9)
            + "\",\"tid\":\""
            + Pick.chars(r, Pick.HEX, 8)
            + "\",\"iat\":"
            + issued
            + ",\"exp\":"
            + (issued + 3600)
            + "}";
    return JWT_HEADER
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + "."
        + Pick.chars(r, BASE64URL, 43);
  }

  /** A password as people choose them: a word, a capital, a year or digits, maybe a symbol. */
  static String password(Language language, SplittableRandom r) {
    String[] words = Lexicon.get().passwordWords(language);
    return switch (r.nextInt(5)) {
      case 0, 1 ->
          capitalise(Pick.one(r, words)) + Pick.between(r, 1970, 2019) + Pick.one(r, SYMBOLS);
      case 2 -> Pick.one(r, words) + Pick.digits(r, Pick.between(r, 2, 4));
      case 3 -> Pick.chars(r, Pick.ALNUM, Pick.between(r, 10, 14)) + Pick.one(r, SYMBOLS);
      default ->
          capitalise(Pick.one(r, words)).replace('a', '@').replace('o', '0')
              + Pick.digits(r, 2)
              + "!";
    };
  }

  /**
   * A URL with credentials in it: {@code scheme://user:password@host/path}, a database connection
   * string, an API URL with a key parameter, or a secret webhook URL.
   */
  static String url(String userSlug, String domain, Language language, SplittableRandom r) {
    String host = Pick.one(r, API_HOSTS).replace("{domain}", domain);
    String user = Pick.percent(r, 50) ? userSlug : Pick.one(r, URL_USERS);
    return switch (r.nextInt(7)) {
      case 0, 1 ->
          Pick.one(r, new String[] {"https", "ftp", "sftp", "ftps"})
              + "://"
              + user
              + ":"
              + password(language, r).replace("@", "%40")
              + "@"
              + Pick.one(r, new String[] {"ftp.", "files.", "nas.", "backup."})
              + domain
              + Pick.one(r, new String[] {"/", "/backups/", "/dav/", ":2121/", "/scans"});
      case 2 ->
          Pick.one(r, new String[] {"postgres", "mysql", "mongodb"})
              + "://"
              + user
              + ":"
              + Pick.chars(r, Pick.ALNUM, 12)
              + "@db."
              + domain
              + ":"
              + Pick.one(r, new String[] {"5432", "3306", "27017"})
              + "/"
              + Pick.one(r, new String[] {"compta", "crm", "prod", "invoices"});
      case 3, 4 ->
          "https://"
              + host
              + "/v"
              + Pick.between(r, 1, 3)
              + "/"
              + Pick.one(r, new String[] {"invoices", "export", "contacts", "orders"})
              + "?"
              + Pick.one(r, new String[] {"api_key", "apikey", "access_token", "key", "token"})
              + "="
              + Pick.chars(r, Pick.ALNUM, 32);
      case 5 ->
          "https://hooks.slack.com/services/T"
              + Pick.chars(r, Pick.UPPER_DIGITS, 8)
              + "/B"
              + Pick.chars(r, Pick.UPPER_DIGITS, 8)
              + "/"
              + Pick.chars(r, Pick.ALNUM, 24);
      default ->
          "http://"
              + user
              + ":"
              + password(language, r).replace("@", "%40")
              + "@cam."
              + domain
              + ":8080/video.cgi";
    };
  }

  private static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
