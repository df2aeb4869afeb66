package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.provenanceaudit.model.Finding;

/** The rules the audit applies (v1), in the order RULES.md lists them. */
public final class RuleSet {

  private static final List<Rule> V1 =
      List.of(
          new GenAiUndisclosedRule(),
          new GenAiLateDisclosureRule(),
          new ToolUnregisteredRule(),
          new ProvenanceUnloggedRule(),
          new ProvenanceTamperedRule(),
          new GeneratedInFinalRule(),
          new GeneratedUntrackedRule(),
          new LikenessWithoutConsentRule(),
          new UnionWorkReplacedRule(),
          new ThirdPartyIpRule(),
          new KeyCreativeGeneratedRule(),
          new SyntheticArchivalRule(),
          new PersonalDataRule(),
          new ToolTrainsOnDataRule(),
          new ToolNotEnterpriseRule(),
          new MediaTypeMismatchRule(),
          new AssetFileMissingRule());

  private RuleSet() {}

  public static List<Rule> rules() {
    return V1;
  }

  public static Set<String> codes() {
    return V1.stream().map(Rule::code).collect(Collectors.toUnmodifiableSet());
  }

  /** Every finding of every rule over one production. */
  public static List<Finding> evaluate(ProductionAudit audit) {
    List<Finding> findings = new ArrayList<>();
    Consumer<Finding> sink = findings::add;
    for (Rule rule : V1) {
      rule.evaluate(audit, sink);
    }
    return findings;
  }
}
