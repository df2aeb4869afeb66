package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.provenanceaudit.coverage.CoveringDisclosures;
import org.provenanceaudit.coverage.PerformerConsent;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/**
 * Principle 5: GenAI does not replace or generate talent performances without consent. One finding
 * per event and performer; an event whose operation touches likeness but whose assets name no
 * performer is judged on its approval alone.
 */
final class LikenessWithoutConsentRule extends BaseRule {

  static final String UNIDENTIFIED = "(unidentified)";

  LikenessWithoutConsentRule() {
    super(
        "LIKENESS_WITHOUT_CONSENT",
        "5",
        Severity.CRITICAL,
        ReportFile.LIKENESS_IP_RISKS,
        "A GenAI event touched a performer's likeness or voice without a valid, unrevoked consent of the right scope, or without written approval for talent_likeness.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      TreeSet<String> performers = new TreeSet<>();
      for (Asset asset : audit.namingPerformers(event.allAssetIds())) {
        performers.addAll(asset.talentIds());
      }
      boolean likenessOperation = audit.policy().likenessOperations().contains(event.operation());
      if (performers.isEmpty() && !likenessOperation) {
        continue;
      }
      boolean approved = audit.approved(event, Approval.TALENT_LIKENESS);
      List<String> disclosureIds = audit.covering(event).stream().map(Disclosure::disclosureId).toList();
      String approval =
          approved ? null : disclosureIds.isEmpty()
              ? "no disclosure covers the event, so there is no approval for talent_likeness"
              : "no covering disclosure (" + Describe.ids(disclosureIds) + ") grants talent_likeness with an approval_ref";
      if (performers.isEmpty()) {
        if (!approved) {
          findings.accept(
              FindingBuilder.aboutEvent(this, audit, event)
                  .disclosures(disclosureIds)
                  .talent(UNIDENTIFIED)
                  .evidence(Describe.event(event) + ", a likeness operation, and its assets name no performer; " + approval + ".")
                  .remediation("Record which performers the output depicts (talent_ids), their consents, and written approval for talent_likeness.")
                  .build());
        }
        continue;
      }
      ConsentScope needed = PerformerConsent.neededFor(event.operation());
      for (String performer : performers) {
        Optional<Consent> consent =
            PerformerConsent.find(audit.consentsOf(performer), audit.productionId(), needed, event.timestamp());
        if (consent.isPresent() && approved) {
          continue;
        }
        List<String> missing = new ArrayList<>();
        if (consent.isEmpty()) {
          missing.add(consentProblem(audit, performer, needed, event));
        }
        if (!approved) {
          missing.add(approval);
        }
        findings.accept(
            FindingBuilder.aboutEvent(this, audit, event)
                .talent(performer)
                .disclosures(disclosureIds)
                .evidence(Describe.event(event) + " on material carrying performer " + performer + "; " + String.join("; ", missing) + ".")
                .remediation(remediation(performer, needed, audit.productionId(), event, consent.isEmpty(), !approved))
                .build());
      }
    }
  }

  private static String remediation(
      String performer, ConsentScope needed, String productionId, ToolEvent event, boolean needsConsent, boolean needsApproval) {
    List<String> steps = new ArrayList<>();
    if (needsConsent) {
      steps.add("record " + performer + "'s consent of scope " + needed.wireName() + " for production " + productionId);
    }
    if (needsApproval) {
      steps.add("obtain written approval for talent_likeness on a disclosure covering " + event.eventId());
    }
    String todo = String.join(", and ", steps);
    return Character.toUpperCase(todo.charAt(0)) + todo.substring(1) + "; until then do not use the output.";
  }

  private static String consentProblem(ProductionAudit audit, String performer, ConsentScope needed, ToolEvent event) {
    List<Consent> records = audit.consentsOf(performer);
    if (records.isEmpty()) {
      return "performer " + performer + " has no consent record";
    }
    List<String> why = new ArrayList<>();
    for (Consent c : records) {
      why.add(c.consentId() + " " + reason(c, audit.productionId(), needed, event));
    }
    return "no consent of " + performer + " grants " + needed.wireName() + " at that time (" + String.join("; ", why) + ")";
  }

  private static String reason(Consent c, String productionId, ConsentScope needed, ToolEvent event) {
    if (c.revoked()) {
      return "is revoked";
    }
    if (!c.appliesToEveryProduction() && !c.productionId().equals(productionId)) {
      return "is for production " + c.productionId();
    }
    if (!CoveringDisclosures.inWindow(event.timestamp(), c.validFrom(), c.validTo())) {
      return "is valid " + Describe.time(c.validFrom()) + " to " + Describe.time(c.validTo());
    }
    return "has scope " + String.join("/", c.scope().stream().map(ConsentScope::wireName).sorted().toList())
        + ", not " + needed.wireName();
  }
}
