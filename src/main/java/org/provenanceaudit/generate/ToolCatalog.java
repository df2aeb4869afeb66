package org.provenanceaudit.generate;

import static org.provenanceaudit.generate.Vocabulary.*;

import java.util.List;

/**
 * The tools the generated events use: the eleven of the default policy, in its order, then two
 * that the policy does not register. The policy text written beside the data is this registry.
 */
final class ToolCatalog {

  private ToolCatalog() {}

  /** One tool as the generator knows it; {@code deployment} and {@code retention} index the vocabularies. */
  record Tool(String id, boolean registered, boolean genai, int deployment, int retention,
      int[] operations, String model) {}

  private static final int ENTERPRISE = 0;
  private static final int CONSUMER = 1;
  private static final int ON_PREM = 2;
  private static final int UNKNOWN = 3;
  private static final int NONE = 0;
  private static final int TRANSIENT = 1;
  private static final int STORED = 2;
  private static final int TRAINING = 3;

  static final List<Tool> TOOLS = List.of(
      new Tool("firefly-ent", true, true, ENTERPRISE, NONE,
          new int[] {GENERATE, EDIT, INPAINT, EXTEND, STYLE_TRANSFER}, "image-model-3.1"),
      new Tool("imagegen-free", true, true, CONSUMER, TRAINING, new int[] {GENERATE, EDIT}, "imagegen-v6"),
      new Tool("videogen-ent", true, true, ENTERPRISE, TRANSIENT, new int[] {GENERATE, EXTEND}, "videogen-2.0"),
      new Tool("voicegen-pro", true, true, ENTERPRISE, NONE, new int[] {VOICE_SYNTHESIS}, "voice-studio-4"),
      new Tool("voiceclone-web", true, true, CONSUMER, STORED, new int[] {VOICE_CLONE}, "clone-web"),
      new Tool("faceswap-onprem", true, true, ON_PREM, NONE,
          new int[] {FACE_SWAP, LIP_SYNC, DE_AGE, DIGITAL_REPLICA}, "facerig-7.2"),
      new Tool("llm-chat-ent", true, true, ENTERPRISE, NONE,
          new int[] {TEXT_GENERATE, TRANSCRIBE, TRANSLATE}, "chat-large-2025-06"),
      new Tool("llm-chat-free", true, true, CONSUMER, TRAINING, new int[] {TEXT_GENERATE, TRANSLATE}, "chat-mini"),
      new Tool("upscale-onprem", true, true, ON_PREM, NONE, new int[] {UPSCALE}, "upres-4x"),
      new Tool("grade-pro", true, false, ON_PREM, NONE, new int[] {EDIT, OTHER}, "grade-18.6"),
      new Tool("edit-suite", true, false, ON_PREM, NONE, new int[] {EDIT, OTHER}, "suite-2025"),
      new Tool("sketchgen-beta", false, true, UNKNOWN, NONE, new int[] {GENERATE, OTHER}, "sketch-0.3b"),
      new Tool("random-ai-site", false, true, UNKNOWN, NONE, new int[] {GENERATE, STYLE_TRANSFER}, ""));

  static final int FIREFLY_ENT = 0;
  static final int IMAGEGEN_FREE = 1;
  static final int VIDEOGEN_ENT = 2;
  static final int VOICEGEN_PRO = 3;
  static final int VOICECLONE_WEB = 4;
  static final int FACESWAP_ONPREM = 5;
  static final int LLM_CHAT_ENT = 6;
  static final int LLM_CHAT_FREE = 7;
  static final int UPSCALE_ONPREM = 8;
  static final int GRADE_PRO = 9;
  static final int EDIT_SUITE = 10;
  static final int SKETCHGEN_BETA = 11;
  static final int RANDOM_AI_SITE = 12;

  static final List<String> IDS = TOOLS.stream().map(Tool::id).toList();

  static Tool tool(int index) {
    return TOOLS.get(index);
  }

  /** Deployment and retention of a tool the registry does not know. */
  static final int DEPLOYMENT_UNKNOWN = UNKNOWN;
  static final int RETENTION_UNSET = -1;

  static boolean isRiskyRetention(int retention) {
    return retention == STORED || retention == TRAINING;
  }

  static boolean isRiskyDeployment(int deployment) {
    return deployment == CONSUMER || deployment == UNKNOWN;
  }

  /** The IP watchlist of the policy; {@link Prompts} knows which prompts hit it. */
  static final List<String> IP_WATCHLIST =
      List.of("in the style of", "Mickey Mouse", "Studio Ghibli", "Star Wars", "Marvel");

  /** The default policy, in exactly the shape the pipeline ships. */
  static final String POLICY_YAML = """
      tools:
        firefly-ent:     {name: "Image generator, enterprise tier", genai: true,  deployment: enterprise, data_retention: none}
        imagegen-free:   {name: "Image generator, free tier",       genai: true,  deployment: consumer,   data_retention: training}
        videogen-ent:    {name: "Video generator, enterprise tier", genai: true,  deployment: enterprise, data_retention: transient}
        voicegen-pro:    {name: "Voice synthesis, studio licence",  genai: true,  deployment: enterprise, data_retention: none}
        voiceclone-web:  {name: "Voice cloning web app",            genai: true,  deployment: consumer,   data_retention: stored}
        faceswap-onprem: {name: "Face replacement, on premises",    genai: true,  deployment: on_prem,    data_retention: none}
        llm-chat-ent:    {name: "Chat assistant, enterprise",       genai: true,  deployment: enterprise, data_retention: none}
        llm-chat-free:   {name: "Chat assistant, free tier",        genai: true,  deployment: consumer,   data_retention: training}
        upscale-onprem:  {name: "AI upscaler, on premises",         genai: true,  deployment: on_prem,    data_retention: none}
        grade-pro:       {name: "Colour grading",                   genai: false, deployment: on_prem,    data_retention: none}
        edit-suite:      {name: "Editing suite",                    genai: false, deployment: on_prem,    data_retention: none}
      ip_watchlist: ["in the style of", "Mickey Mouse", "Studio Ghibli", "Star Wars", "Marvel"]
      likeness_operations: [voice_clone, voice_synthesis, face_swap, lip_sync, de_age, digital_replica]
      """;
}
