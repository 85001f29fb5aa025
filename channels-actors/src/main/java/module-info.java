/**
 * Actors on single-reader mailboxes: Go's "one goroutine owns the state, requests arrive on a channel", for
 * Java 21+ virtual threads.
 *
 * <p>The API is the package {@link dev.channels.actors}; everything else is internal and not exported.
 */
module dev.channels.actors {
    requires transitive dev.channels;
    requires org.jctools.core.jdk11;

    exports dev.channels.actors;
}
