package dev.casevault.scanner;

import dev.casevault.redaction.PiiType;
import java.util.List;

/**
 * One dataset (one fingerprint) and every endpoint that exposes it.
 *
 * @param fingerprint the dataset fingerprint
 * @param endpoints {@code host:port} of each endpoint holding it
 * @param clusterIds the distinct cluster ids those endpoints announced
 * @param documents its record count (as the first endpoint reported it)
 * @param personalData the personal-data types found in its samples on any endpoint
 */
public record DatasetGroup(
    String fingerprint,
    List<String> endpoints,
    List<String> clusterIds,
    Long documents,
    List<PiiType> personalData) {
  public DatasetGroup {
    endpoints = List.copyOf(endpoints);
    clusterIds = List.copyOf(clusterIds);
    personalData = List.copyOf(personalData);
  }
}
