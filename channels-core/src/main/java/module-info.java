/**
 * Go's channels and {@code select} for Java 21+ virtual threads.
 *
 * <p>The API is the package {@link dev.channels}; everything else is internal (exported only to
 * {@code dev.channels.actors}, {@code dev.channels.test} and {@code dev.channels.hazelcast}, for the seams and
 * the views they share with the core).
 */
module dev.channels {
    exports dev.channels;
    // Not part of any API: the actors join their threads and create them through the thread seam; the test
    // module (Go's testing/synctest) plugs its bubble into the clock, park, thread and timer seams; the
    // distributed channel reuses the direction views and the iterator.
    exports dev.channels.internal to dev.channels.actors, dev.channels.test, dev.channels.hazelcast;
}
