package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.ReceiveResult;
import dev.channels.Select;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-blocking channel operations, from Go by Example: a {@code select} with a {@code default} case never
 * blocks.
 *
 * <pre>{@code
 * messages := make(chan string)
 * signals := make(chan bool)
 *
 * select {
 * case msg := <-messages: fmt.Println("received message", msg)
 * default:                fmt.Println("no message received")
 * }
 *
 * msg := "hi"
 * select {
 * case messages <- msg: fmt.Println("sent message", msg)
 * default:              fmt.Println("no message sent")
 * }
 *
 * select {
 * case msg := <-messages: fmt.Println("received message", msg)
 * case sig := <-signals:  fmt.Println("received signal", sig)
 * default:                fmt.Println("no activity")
 * }
 * }</pre>
 *
 * <p>The unbuffered channels have no partner, so every default fires. The program then does the same
 * non-blocking send and receive on a buffered channel, where both succeed, and shows {@code trySend} /
 * {@code tryReceive}, the one-case shorthands.
 *
 * <p>Run: {@code ./examples.sh SelectDefault}
 */
public final class SelectDefault {

    private SelectDefault() {
    }

    /**
     * Prints what each select did.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        run().forEach(System.out::println);
    }

    /**
     * Runs the selects.
     *
     * @return one line per select, as the Go program prints them
     * @throws InterruptedException if interrupted
     */
    public static List<String> run() throws InterruptedException {
        List<String> out = new ArrayList<>();
        Channel<String> messages = Channel.unbuffered();
        Channel<Boolean> signals = Channel.unbuffered();

        out.add(Select.builder()
                .onReceive(messages, msg -> "received message " + msg)
                .onDefault(() -> "no message received")
                .select());

        String msg = "hi";
        out.add(Select.builder()
                .onSend(messages, msg, () -> "sent message " + msg)
                .onDefault(() -> "no message sent")
                .select());

        out.add(Select.builder()
                .onReceive(messages, m -> "received message " + m)
                .onReceive(signals, sig -> "received signal " + sig)
                .onDefault(() -> "no activity")
                .select());

        // With room in a buffer, the same non-blocking send succeeds, and so does the receive.
        Channel<String> mailbox = Channel.buffered(1);
        out.add(Select.builder()
                .onSend(mailbox, msg, () -> "sent message " + msg)
                .onDefault(() -> "no message sent")
                .select());
        out.add(Select.builder()
                .onReceive(mailbox, m -> "received message " + m)
                .onDefault(() -> "no message received")
                .select());

        // One case and a default: trySend / tryReceive say the same in one call.
        out.add(mailbox.trySend("hello") ? "trySend: sent hello" : "trySend: no room");
        out.add(mailbox.trySend("again") ? "trySend: sent again" : "trySend: no room");
        for (int i = 0; i < 2; i++) {
            out.add(mailbox.tryReceive() instanceof ReceiveResult.Received<String>(String m)
                    ? "tryReceive: " + m : "tryReceive: nothing");
        }
        return out;
    }
}
