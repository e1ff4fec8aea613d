package dev.casevault.store;

/**
 * @param cases committed cases
 * @param indexBytes bytes the backend uses on disk
 * @param segments backend storage units (Lucene segments, OpenSearch shards)
 */
public record StoreStats(long cases, long indexBytes, int segments) {}
