package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the support desk supports: products with the years they were sold (so a 2008 case is never
 * about a product launched in 2017), and the problem families each kind of product runs into.
 */
final class Catalogue {
  enum Kind {
    SUITE(false, 10, 8, 4, 0, 5, 3, 5, 4, 6, 0),
    SYNC(false, 6, 5, 12, 0, 8, 3, 4, 3, 4, 0),
    MAIL(false, 12, 4, 6, 0, 6, 2, 6, 4, 2, 0),
    LAPTOP(true, 0, 2, 0, 14, 3, 5, 0, 2, 0, 5),
    PRINTER(true, 0, 1, 0, 16, 0, 4, 0, 1, 0, 4),
    ROUTER(true, 0, 5, 0, 12, 0, 3, 8, 2, 0, 3),
    ACCOUNTING(false, 6, 9, 5, 0, 4, 3, 3, 8, 6, 0),
    PHONE(true, 3, 3, 4, 12, 4, 5, 0, 2, 0, 5),
    GAMING(false, 8, 8, 0, 0, 0, 5, 5, 3, 0, 0);

    final boolean hardware;

    /** Weights of the {@link Family} values, in declaration order. */
    private final int[] families;

    Kind(boolean hardware, int... families) {
      this.hardware = hardware;
      this.families = families;
    }

    Family family(SplittableRandom random) {
      return Family.values()[Pick.weighted(random, families)];
    }

    /** The suffix of kind-specific template keys, e.g. {@code hardware.open.printer}. */
    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Problem families; the key names their templates, e.g. {@code billing.subject}. */
  enum Family {
    SIGNIN("signin", "sign-in", "password-reset"),
    BILLING("billing", "billing", "chargeback"),
    SYNC("sync", "sync", "known-issue"),
    HARDWARE("hardware", "hardware", "warranty"),
    DATALOSS("dataloss", "data-loss", "urgent"),
    REFUND("refund", "refund", "billing"),
    OUTAGE("outage", "outage", "known-issue"),
    ACCOUNT("account", "gdpr", "account-update"),
    INTEGRATION("integration", "api", "security"),
    DELIVERY("delivery", "replacement", "shipping");

    final String key;

    /** Tags agents most often put on cases of this family. */
    final String[] tags;

    Family(String key, String... tags) {
      this.key = key;
      this.tags = tags;
    }

    /** Cases handled by the billing team rather than tier 1. */
    boolean billing() {
      return this == BILLING || this == REFUND;
    }
  }

  /** A product sold from {@code fromYear} to {@code toYear}, only to {@code market} if not null. */
  record Product(String key, String name, Kind kind, int fromYear, int toYear, Language market) {
    Product(String key, String name, Kind kind, int fromYear, int toYear) {
      this(key, name, kind, fromYear, toYear, null);
    }
  }

  private static final List<Product> PRODUCTS =
      List.of(
          new Product("office-365", "Office 365", Kind.SUITE, 2011, 2019),
          new Product("teams", "Teams", Kind.SUITE, 2017, 2019),
          new Product("skype", "Skype", Kind.SUITE, 2006, 2019),
          new Product("onedrive", "OneDrive", Kind.SYNC, 2014, 2019),
          new Product("dropbox", "Dropbox", Kind.SYNC, 2009, 2019),
          new Product("hotmail", "Hotmail", Kind.MAIL, 2006, 2013),
          new Product("outlook-com", "Outlook.com", Kind.MAIL, 2012, 2019),
          new Product("surface-laptop", "Surface Laptop", Kind.LAPTOP, 2017, 2019),
          new Product("thinkpad", "ThinkPad", Kind.LAPTOP, 2006, 2019),
          new Product("macbook-pro", "MacBook Pro", Kind.LAPTOP, 2006, 2019),
          new Product("laserjet", "LaserJet Pro", Kind.PRINTER, 2006, 2019),
          new Product("officejet", "OfficeJet", Kind.PRINTER, 2006, 2019),
          new Product("livebox", "Livebox", Kind.ROUTER, 2006, 2019, Language.FR),
          new Product("nighthawk", "Nighthawk", Kind.ROUTER, 2012, 2019),
          new Product("quickbooks-online", "QuickBooks Online", Kind.ACCOUNTING, 2006, 2019),
          new Product("sage-accounting", "Sage Accounting", Kind.ACCOUNTING, 2006, 2019),
          new Product("iphone", "iPhone", Kind.PHONE, 2007, 2019),
          new Product("galaxy", "Galaxy", Kind.PHONE, 2010, 2019),
          new Product("xbox-live", "Xbox Live", Kind.GAMING, 2006, 2019));

  static final int FIRST_YEAR = 2006;
  static final int LAST_YEAR = 2019;

  /** The products on sale, indexed by language ordinal and {@code year - FIRST_YEAR}. */
  private static final Product[][][] ON_SALE = onSale();

  private Catalogue() {}

  static Product product(SplittableRandom random, int year, Language language) {
    return Pick.one(random, ON_SALE[language.ordinal()][year - FIRST_YEAR]);
  }

  private static Product[][][] onSale() {
    Language[] languages = Language.values();
    Product[][][] onSale = new Product[languages.length][LAST_YEAR - FIRST_YEAR + 1][];
    for (Language language : languages) {
      for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
        List<Product> available = new ArrayList<>();
        for (Product product : PRODUCTS) {
          if (product.fromYear() <= year
              && year <= product.toYear()
              && (product.market() == null || product.market() == language)) {
            available.add(product);
          }
        }
        onSale[language.ordinal()][year - FIRST_YEAR] = available.toArray(Product[]::new);
      }
    }
    return onSale;
  }
}
