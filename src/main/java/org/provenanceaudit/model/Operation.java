package org.provenanceaudit.model;

/** The contract's values for an operation a tool event records. */
public enum Operation implements ContractEnum {
  GENERATE,
  EDIT,
  INPAINT,
  UPSCALE,
  EXTEND,
  STYLE_TRANSFER,
  VOICE_CLONE,
  VOICE_SYNTHESIS,
  FACE_SWAP,
  LIP_SYNC,
  DE_AGE,
  DIGITAL_REPLICA,
  TRANSCRIBE,
  TRANSLATE,
  TEXT_GENERATE,
  OTHER
}
