package org.diffuse4j.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a conditional network is conditioned on, per batch row: class labels and/or an embedding
 * tensor. {@link #NONE} for unconditional models.
 */
public final class Conditioning {
    /** No conditioning. */
    public static final Conditioning NONE = new Conditioning(null, null);

    private final int[] labels;
    private final Tensor embedding;

    private Conditioning(int[] labels, Tensor embedding) {
        this.labels = labels;
        this.embedding = embedding;
    }

    /** One class label per batch row (or a single label for every row). */
    public static Conditioning classes(int... labels) {
        if (labels.length == 0) throw new ConfigurationException("class", "need at least one label");
        return new Conditioning(labels.clone(), null);
    }

    /** An embedding tensor whose axis 0 matches the batch. */
    public static Conditioning embedding(Tensor embedding) {
        return new Conditioning(null, embedding);
    }

    /** The class label of a batch row, if any. */
    public Optional<Integer> label(int row) {
        if (labels == null) return Optional.empty();
        return Optional.of(labels.length == 1 ? labels[0] : labels[row]);
    }

    /** The labels (a copy), if any. */
    public Optional<int[]> labels() { return Optional.ofNullable(labels).map(int[]::clone); }

    /** The embedding, if any. */
    public Optional<Tensor> embedding() { return Optional.ofNullable(embedding); }

    /** True for {@link #NONE}. */
    public boolean isNone() { return labels == null && embedding == null; }

    /** The conditioning of rows [from, to) (for chunked or row-wise evaluation). */
    public Conditioning slice(int from, int to) {
        if (isNone()) return this;
        int[] l = labels == null ? null : labels.length == 1 ? labels : Arrays.copyOfRange(labels, from, to);
        Tensor e = embedding == null ? null : embedding.rows() == 1 ? embedding : embedding.slice(from, to);
        return new Conditioning(l, e);
    }

    @Override public String toString() {
        return isNone() ? "Conditioning.NONE" : "Conditioning[labels=" + Arrays.toString(labels) + ", embedding=" + embedding + "]";
    }
}
