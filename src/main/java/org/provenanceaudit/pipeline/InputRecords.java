package org.provenanceaudit.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.provenanceaudit.model.SourcePosition;

/**
 * What the reading steps need to know of one input's record type: its coder, and how to get a
 * record's production (the key records travel under), its id (the contract's id field: {@code
 * asset_id}, {@code event_id}, ...) and the file and line it was read from.
 */
record InputRecords<T>(
    RecordCoder<T> coder,
    SerializableFunction<T, String> production,
    SerializableFunction<T, String> id,
    SerializableFunction<T, SourcePosition> source)
    implements Serializable {}
