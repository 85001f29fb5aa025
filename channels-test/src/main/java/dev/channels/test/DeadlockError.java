package dev.channels.test;

/**
 * Every thread of a {@link SyncTest} bubble is blocked inside the library and no timer can ever wake one: the
 * JVM's answer to Go's "fatal error: all goroutines are asleep - deadlock!".
 *
 * <p>The message lists each blocked thread, the operation it is in and what it waits on, and the first line of the
 * user's code on its stack, for example:
 * <pre>
 * deadlock: every thread of the SyncTest bubble is blocked and no timer can wake one (virtual time ...):
 *   synctest-main: receive on Channel[unbuffered, size=0]
 *       at com.example.PipelineTest.lambda$sums$0(PipelineTest.java:31)
 * </pre>
 * After reporting it the bubble interrupts its threads so that they end; the interruptions that follow are not
 * reported as further failures.
 */
public final class DeadlockError extends AssertionError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the report.
     *
     * @param report the message: one line per blocked thread
     */
    public DeadlockError(String report) {
        super(report);
    }
}
