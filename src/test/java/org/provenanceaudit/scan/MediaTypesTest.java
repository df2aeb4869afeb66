package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

  @Test
  void aliasesParametersAndCaseAreIgnored() {
    assertTrue(MediaTypes.sameBaseType("image/jpg", "image/jpeg"));
    assertTrue(MediaTypes.sameBaseType("IMAGE/PNG; charset=binary", "image/x-png"));
    assertTrue(MediaTypes.sameBaseType("audio/wav", "audio/vnd.wave"));
    assertTrue(MediaTypes.sameBaseType("audio/x-wav", "audio/wav"));
    assertTrue(MediaTypes.sameBaseType("video/mp4", "video/mp4"));
  }

  @Test
  void applesNamesForMp4VideoAndAudioEqualTheTypesTheBrandsName() {
    assertTrue(MediaTypes.sameBaseType("video/x-m4v", "video/mp4"));
    assertTrue(MediaTypes.sameBaseType("audio/x-m4a", "audio/mp4"));
    assertTrue(MediaTypes.sameBaseType("audio/x-m4b", "audio/mp4"));
    assertTrue(MediaTypes.sameBaseType("audio/x-m4p", "audio/mp4"));
    assertTrue(MediaTypes.sameBaseType("image/hevc", "image/heic"));
    assertFalse(MediaTypes.sameBaseType("image/heif", "image/heic"));
    assertFalse(MediaTypes.sameBaseType("audio/mp4", "video/mp4"));
    assertFalse(MediaTypes.sameBaseType("video/3gpp", "video/3gpp2"));
  }

  @Test
  void differentTypesDiffer() {
    assertFalse(MediaTypes.sameBaseType("image/png", "image/jpeg"));
    assertFalse(MediaTypes.sameBaseType("video/mp4", "video/quicktime"));
    assertFalse(MediaTypes.sameBaseType("not a type", "image/png"));
    assertFalse(MediaTypes.sameBaseType(null, "image/png"));
  }

  @Test
  void detectionLooksAtTheBytesNotTheName() {
    assertEquals("image/png", MediaTypes.detect(CraftedBytes.png()));
    assertEquals("image/jpeg", MediaTypes.detect(CraftedBytes.jpeg()));
  }
}
