package org.provenanceaudit.report;

import java.io.Serializable;

/**
 * What the reports state about the run itself: the audit date when the user gave one (never the
 * clock, so reruns are byte-identical), where the policy came from, and the previous audit's
 * output folder to compare with, if any.
 */
public record ReportSettings(String asOf, String policyOrigin, String baselineDir, boolean scanned)
    implements Serializable {}
