package dev.casevault.store.opensearch;

import java.util.regex.Pattern;

/**
 * Where and how the cases are kept on the cluster.
 *
 * <p>Reads and writes go through the alias; the index behind it is {@code <alias>-v<mapping
 * version>} ({@code casevault-cases-v1}), so a reindex into a new index can be switched to
 * atomically by moving the alias. Every name starts with {@code casevault-}: casevault's cluster
 * role grants its service user these indices and nothing else.
 *
 * @param alias the alias reads and writes go through, {@code casevault-} and then lower-case
 *     letters, digits and dashes
 * @param shards primary shards of a new index (1 to 1024); ignored for an existing index
 * @param replicas replicas of each primary shard of a new index (0 to 10); ignored for an existing
 *     index
 */
public record OpenSearchIndexOptions(String alias, int shards, int replicas) {
  public static final String DEFAULT_ALIAS = "casevault-cases";
  private static final Pattern NAME = Pattern.compile("casevault-[a-z0-9][a-z0-9-]{0,150}");

  public OpenSearchIndexOptions {
    if (alias == null || !NAME.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "an index alias is casevault- followed by 1-151 lower-case letters, digits or dashes,"
              + " not "
              + alias);
    }
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("shards must be between 1 and 1024, not " + shards);
    }
    if (replicas < 0 || replicas > 10) {
      throw new IllegalArgumentException("replicas must be between 0 and 10, not " + replicas);
    }
  }

  /** The alias {@code casevault-cases}, one primary shard and one replica. */
  public static OpenSearchIndexOptions defaults() {
    return new OpenSearchIndexOptions(DEFAULT_ALIAS, 1, 1);
  }

  public OpenSearchIndexOptions withAlias(String newAlias) {
    return new OpenSearchIndexOptions(newAlias, shards, replicas);
  }

  public OpenSearchIndexOptions withShards(int newShards, int newReplicas) {
    return new OpenSearchIndexOptions(alias, newShards, newReplicas);
  }

  /** The concrete index this version of casevault creates behind the alias. */
  public String indexName() {
    return alias + "-v" + CaseIndex.MAPPING_VERSION;
  }
}
