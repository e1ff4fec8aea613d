package dev.casevault.service;

/** What an ingest run tells its caller as it goes. Called on the ingesting thread. */
public interface IngestListener {
  /** A line was rejected; {@code reason} names the field and problem and carries no input value. */
  void rejected(String file, long line, String reason);

  /** A checkpoint: {@code accepted} cases are now durable and searchable. */
  void committed(long accepted, long rejected, long bytesRead, double seconds);

  IngestListener SILENT =
      new IngestListener() {
        @Override
        public void rejected(String file, long line, String reason) {}

        @Override
        public void committed(long accepted, long rejected, long bytesRead, double seconds) {}
      };
}
