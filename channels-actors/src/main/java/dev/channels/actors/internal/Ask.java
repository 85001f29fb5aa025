package dev.channels.actors.internal;

import java.util.concurrent.CompletableFuture;

/**
 * An ask in the mailbox: the reply future and the request in one object, so an ask allocates this and the
 * caller's lambda and nothing else. A tell needs no envelope: its operation or message is the mailbox element.
 */
final class Ask extends CompletableFuture<Object> {
    /** State actor: the query function. Message actor: the message built around this future. */
    Object request;

    Ask(Object request) {
        this.request = request;
    }
}
