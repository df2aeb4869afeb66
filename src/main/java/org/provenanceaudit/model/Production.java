package org.provenanceaudit.model;

/** A production (title); {@code nonfiction} marks work the audience takes as fact. */
public record Production(String productionId, String title, boolean nonfiction, SourcePosition source) {}
