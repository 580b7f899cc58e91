package org.diffuse4j.conformance;

/**
 * The outcome of one conformance check on one solver: passed, failed or skipped, with the measured figure
 * (an error, an order, a call count) and, when it did not pass, why.
 */
public record CheckResult(String check, Status status, String figure, String detail) {
    public enum Status { PASSED, FAILED, SKIPPED }

    static CheckResult pass(String check, String figure) { return new CheckResult(check, Status.PASSED, figure, ""); }

    static CheckResult fail(String check, String figure, String detail) { return new CheckResult(check, Status.FAILED, figure, detail); }

    static CheckResult skip(String check, String why) { return new CheckResult(check, Status.SKIPPED, "—", why); }

    static CheckResult of(String check, boolean ok, String figure, String detailIfFailed) {
        return ok ? pass(check, figure) : fail(check, figure, detailIfFailed);
    }

    /** One line: "check: figure" plus the detail when it did not pass. */
    public String describe() {
        return check + ": " + figure + (detail.isEmpty() ? "" : " — " + detail);
    }
}
