package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.ReceiveChannel;
import dev.channels.SendChannel;
import dev.channels.WaitGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Worker pools, from Go by Example: three workers take jobs 1..5 from a buffered channel and send each job
 * doubled to a results channel.
 *
 * <pre>{@code
 * func worker(id int, jobs <-chan int, results chan<- int) {
 *     for j := range jobs {
 *         fmt.Println("worker", id, "started  job", j)
 *         time.Sleep(time.Second)
 *         fmt.Println("worker", id, "finished job", j)
 *         results <- j * 2
 *     }
 * }
 *
 * func main() {
 *     const numJobs = 5
 *     jobs := make(chan int, numJobs)
 *     results := make(chan int, numJobs)
 *     for w := 1; w <= 3; w++ { go worker(w, jobs, results) }
 *     for j := 1; j <= numJobs; j++ { jobs <- j }
 *     close(jobs)
 *     for a := 1; a <= numJobs; a++ { <-results }
 * }
 * }</pre>
 *
 * <p>{@link #run} is the line-by-line translation; {@link #runWithHelper} is the same program with
 * {@link Channels#workerPool}.
 *
 * <p>Run: {@code ./examples.sh WorkerPool}
 */
public final class WorkerPool {
    /** The number of jobs, as in Go's {@code numJobs}. */
    public static final int NUM_JOBS = 5;
    /** The number of workers. */
    public static final int WORKERS = 3;

    private WorkerPool() {
    }

    /**
     * Runs the pool with one second of work per job and prints what happens.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        List<Integer> results = run(Latency.of(Duration.ofSeconds(1)), System.out::println);
        System.out.println("results: " + results);
        System.out.println("with Channels.workerPool: " + runWithHelper(Latency.NONE));
    }

    /** Go: {@code func worker(id int, jobs <-chan int, results chan<- int)}. */
    static void worker(int id, ReceiveChannel<Integer> jobs, SendChannel<Integer> results, Latency work,
                       Consumer<String> log) throws InterruptedException {
        for (int j : jobs) { // for j := range jobs
            log.accept("worker " + id + " started  job " + j);
            work.await();
            log.accept("worker " + id + " finished job " + j);
            results.send(j * 2);
        }
    }

    /**
     * The Go program: 3 workers, jobs 1..5 on a buffered channel, every result received once.
     *
     * @param work the time a job takes (Go: {@code time.Sleep(time.Second)})
     * @param log  receives the workers' "started"/"finished" lines
     * @return the results in the order they were received
     * @throws InterruptedException if interrupted
     */
    public static List<Integer> run(Latency work, Consumer<String> log) throws InterruptedException {
        Channel<Integer> jobs = Channel.buffered(NUM_JOBS);
        Channel<Integer> results = Channel.buffered(NUM_JOBS);
        var workers = new WaitGroup();
        for (int w = 1; w <= WORKERS; w++) {
            int id = w;
            workers.go(() -> worker(id, jobs.receiveOnly(), results.sendOnly(), work, log));
        }
        for (int j = 1; j <= NUM_JOBS; j++) {
            jobs.send(j);
        }
        jobs.close();
        List<Integer> received = new ArrayList<>();
        for (int a = 1; a <= NUM_JOBS; a++) {
            received.add(results.receive());
        }
        workers.await(); // Go's program just exits; here every worker is seen to end
        return received;
    }

    /**
     * The same program with {@link Channels#workerPool}: the results channel closes when the jobs are done, so
     * the consumer ranges over it instead of counting.
     *
     * @param work the time a job takes
     * @return the results in the order they were received
     * @throws InterruptedException if interrupted
     */
    public static List<Integer> runWithHelper(Latency work) throws InterruptedException {
        Channel<Integer> jobs = Channel.buffered(NUM_JOBS);
        ReceiveChannel<Integer> results = Channels.workerPool(WORKERS, jobs, j -> {
            work.await();
            return j * 2;
        });
        for (int j = 1; j <= NUM_JOBS; j++) {
            jobs.send(j);
        }
        jobs.close();
        List<Integer> received = new ArrayList<>();
        for (int r : results) {
            received.add(r);
        }
        return received;
    }
}
