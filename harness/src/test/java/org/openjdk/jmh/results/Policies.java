package org.openjdk.jmh.results;

/** Test helper in JMH's package: a result's aggregation policy is a protected field with no getter. */
public final class Policies {

    private Policies() {
    }

    public static AggregationPolicy of(Result<?> r) {
        return r.policy;
    }
}
