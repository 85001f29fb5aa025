/**
 * Deterministic tests for code built on channels, select, timers and actors: Go's {@code testing/synctest} for
 * Java virtual threads. Add it with test scope.
 *
 * <p>The API is the package {@link dev.channels.test}; everything else is internal and not exported.
 */
module dev.channels.test {
    requires transitive dev.channels;

    exports dev.channels.test;
}
