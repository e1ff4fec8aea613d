package dev.casevault.redaction;

import java.util.List;

/** Placeholder until this detector is written; finds nothing. */
final class PhoneDetector implements Detector {
  @Override
  public void detect(ScanText text, List<Finding> out) {}
}
