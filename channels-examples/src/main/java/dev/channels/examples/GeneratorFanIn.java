package dev.channels.examples;

import dev.channels.Channels;
import dev.channels.ReceiveChannel;
import dev.channels.ReceiveResult;
import dev.channels.Select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The "boring" generator and fan-in, from Rob Pike's talk "Go Concurrency Patterns": a function that returns
 * a channel fed by its own goroutine, and a function that multiplexes two such channels into one, so that
 * whoever is ready talks first.
 *
 * <pre>{@code
 * func boring(msg string) <-chan string {
 *     c := make(chan string)
 *     go func() {
 *         for i := 0; ; i++ {
 *             c <- fmt.Sprintf("%s %d", msg, i)
 *             time.Sleep(time.Duration(rand.Intn(1e3)) * time.Millisecond)
 *         }
 *     }()
 *     return c
 * }
 *
 * func fanIn(input1, input2 <-chan string) <-chan string {
 *     c := make(chan string)
 *     go func() { for { c <- <-input1 } }()
 *     go func() { for { c <- <-input2 } }()
 *     return c
 * }
 *
 * func main() {
 *     c := fanIn(boring("Joe"), boring("Ann"))
 *     for i := 0; i < 10; i++ { fmt.Println(<-c) }
 *     fmt.Println("You're both boring; I'm leaving.")
 * }
 * }</pre>
 *
 * <p>Here each generator says a fixed number of things and then closes its channel, so the merged channel
 * closes too and the consumer simply ranges over it (Go's generators run forever and leak when main returns).
 * {@link #fanInWithSelect} is Pike's second fan-in, one goroutine with a {@code select}.
 *
 * <p>Run: {@code ./examples.sh GeneratorFanIn}
 */
public final class GeneratorFanIn {

    private GeneratorFanIn() {
    }

    /**
     * Joe and Ann say five things each, with random pauses of up to a second, through both fan-ins.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Latency randomPause = () -> Thread.sleep(ThreadLocalRandom.current().nextInt(1000));
        run(5, randomPause, false).forEach(System.out::println);
        System.out.println("You're both boring; I'm leaving.");
        System.out.println("-- the same with a select loop --");
        run(3, () -> Thread.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(300))), true)
                .forEach(System.out::println);
    }

    /**
     * Go's {@code boring(msg)}: a generator that says {@code msg 0}, {@code msg 1}, ... and closes after
     * {@code count} messages.
     *
     * @param msg   the message
     * @param count how many messages
     * @param pause the pause after each message
     * @return the channel the generator sends on
     */
    public static ReceiveChannel<String> boring(String msg, int count, Latency pause) {
        return Channels.generate(out -> {
            for (int i = 0; i < count; i++) {
                out.send(msg + " " + i);
                pause.await();
            }
        });
    }

    /**
     * Go's first {@code fanIn}: one forwarder per input ({@link Channels#merge}).
     *
     * @param input1 an input
     * @param input2 another input
     * @return the merged channel, closed when both inputs are closed
     */
    public static ReceiveChannel<String> fanIn(ReceiveChannel<String> input1, ReceiveChannel<String> input2) {
        return Channels.merge(input1, input2);
    }

    /**
     * Go's second {@code fanIn}: one goroutine that selects over both inputs.
     *
     * <pre>{@code
     * go func() {
     *     for {
     *         select {
     *         case s := <-input1: c <- s
     *         case s := <-input2: c <- s
     *         }
     *     }
     * }()
     * }</pre>
     *
     * A closed input leaves the select (in Go one would set it to {@code nil}); the output closes when both
     * have.
     *
     * @param input1 an input
     * @param input2 another input
     * @return the merged channel, closed when both inputs are closed
     */
    public static ReceiveChannel<String> fanInWithSelect(ReceiveChannel<String> input1,
                                                         ReceiveChannel<String> input2) {
        return Channels.generate(out -> {
            List<ReceiveChannel<String>> open = new ArrayList<>(List.of(input1, input2));
            while (!open.isEmpty()) {
                var select = Select.actions();
                for (ReceiveChannel<String> in : List.copyOf(open)) {
                    select.onReceiveOrClosed(in, r -> {
                        switch (r) {
                            case ReceiveResult.Received<String>(String s) -> out.send(s); // case s := <-input: c <- s
                            case ReceiveResult.Closed<String> closed -> open.remove(in); // Go: set the channel to nil
                            case ReceiveResult.Empty<String> never -> throw new AssertionError("never passed");
                        }
                    });
                }
                select.select();
            }
        });
    }

    /**
     * Joe and Ann each say {@code count} things; returns everything, in the order the fan-in delivered it.
     *
     * @param count      messages per speaker
     * @param pause      each speaker's pause after a message
     * @param withSelect use {@link #fanInWithSelect} instead of {@link #fanIn}
     * @return the messages received
     */
    public static List<String> run(int count, Latency pause, boolean withSelect) {
        var joe = boring("Joe", count, pause);
        var ann = boring("Ann", count, pause);
        var c = withSelect ? fanInWithSelect(joe, ann) : fanIn(joe, ann);
        List<String> heard = new ArrayList<>();
        for (String s : c) { // for s := range c
            heard.add(s);
        }
        return heard;
    }
}
