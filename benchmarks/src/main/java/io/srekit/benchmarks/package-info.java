/**
 * JMH benchmarks of srekit's hot paths, each next to its peers in the same class and run, so the
 * results are ratios measured together. See {@code benchmarks/README.md} for how to run them.
 */
package io.srekit.benchmarks;
