package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Select;
import dev.channels.WaitGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Cache versus database, from the classic Go concurrency tutorial: for 10 random book ids, query the cache and
 * the (slow) database concurrently and take whichever answers first with {@code select}; the database answer
 * fills the cache; the late answer is discarded; a {@code WaitGroup} waits for everything.
 *
 * <pre>{@code
 * for i := 0; i < 10; i++ {
 *     id := rnd.Intn(10) + 1
 *     wg.Add(2)
 *     go func(id int) {                          // the cache
 *         if b, ok := queryCache(id); ok { cacheCh <- b }
 *         wg.Done()
 *     }(id)
 *     go func(id int) {                          // the database
 *         if b, ok := queryDatabase(id); ok {    // sleeps 100ms
 *             m.Lock(); cache[id] = b; m.Unlock()
 *             dbCh <- b
 *         }
 *         wg.Done()
 *     }(id)
 *     go func() {
 *         select {
 *         case b := <-cacheCh: fmt.Println("from cache", b); <-dbCh
 *         case b := <-dbCh:    fmt.Println("from database", b)
 *         }
 *     }()
 *     time.Sleep(150 * time.Millisecond)
 * }
 * wg.Wait()
 * }</pre>
 *
 * <p>Differences from the Go original, which has two races: each lookup gets its own pair of channels (Go
 * shares two channels between lookups, so an answer can reach the wrong lookup), and each channel buffers one
 * value, so the loser's late answer is simply left in its buffer and dropped, with no goroutine blocked on it.
 * The select goroutine is counted by the WaitGroup too, so {@link #run} returns only after every answer.
 *
 * <p>The database's slowness is an injected {@link Latency}: 100 ms in {@code main}, a latch in the tests.
 *
 * <p>Run: {@code ./examples.sh CacheVsDatabase [seed]}
 */
public final class CacheVsDatabase {

    /**
     * A book.
     *
     * @param id     its id, 1 to 10
     * @param title  the title
     * @param author the author
     * @param year   the year of publication
     */
    public record Book(int id, String title, String author, int year) {
    }

    /** Where an answer came from. */
    public enum Source {
        /** The cache answered first. */
        CACHE,
        /** The database answered first. */
        DATABASE
    }

    /**
     * The answer to one lookup.
     *
     * @param lookup the lookup's number, 0-based
     * @param id     the book id looked up
     * @param source who answered first
     * @param book   the book
     */
    public record Answer(int lookup, int id, Source source, Book book) {
    }

    /** Every book the database knows: ids 1 to 10. */
    public static final List<Book> BOOKS = List.of(
            new Book(1, "The Hobbit", "J.R.R. Tolkien", 1937),
            new Book(2, "The Lord of the Rings", "J.R.R. Tolkien", 1954),
            new Book(3, "The Name of the Wind", "Patrick Rothfuss", 2007),
            new Book(4, "A Game of Thrones", "George R.R. Martin", 1996),
            new Book(5, "The Way of Kings", "Brandon Sanderson", 2010),
            new Book(6, "Mistborn", "Brandon Sanderson", 2006),
            new Book(7, "The Eye of the World", "Robert Jordan", 1990),
            new Book(8, "Dune", "Frank Herbert", 1965),
            new Book(9, "The Left Hand of Darkness", "Ursula K. Le Guin", 1969),
            new Book(10, "Neuromancer", "William Gibson", 1984));

    /** The cache, shared by all lookups: Go's {@code map[int]Book} guarded by a {@code sync.RWMutex}. */
    public static final class Cache {
        private final Map<Integer, Book> books = new ConcurrentHashMap<>();

        /** Creates an empty cache. */
        public Cache() {
        }

        /**
         * Go's {@code queryCache}: the book, if cached.
         *
         * @param id the book id
         * @return the book or empty
         */
        public Optional<Book> get(int id) {
            return Optional.ofNullable(books.get(id));
        }

        /**
         * Stores a book.
         *
         * @param book the book
         */
        public void put(Book book) {
            books.put(book.id(), book);
        }

        /**
         * A copy of the cache's content.
         *
         * @return id to book
         */
        public Map<Integer, Book> snapshot() {
            return Map.copyOf(books);
        }
    }

    /** The database: knows every book of {@link #BOOKS}, answers after its latency. */
    public static final class Database {
        private final Latency latency;
        private final AtomicInteger queries = new AtomicInteger();

        /**
         * Creates the database.
         *
         * @param latency how long a query takes
         */
        public Database(Latency latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
        }

        /**
         * Go's {@code queryDatabase}.
         *
         * @param id the book id
         * @return the book, or empty if there is none with this id
         * @throws InterruptedException if interrupted while waiting
         */
        public Optional<Book> query(int id) throws InterruptedException {
            latency.await();
            queries.incrementAndGet();
            return BOOKS.stream().filter(b -> b.id() == id).findFirst();
        }

        /**
         * The number of queries answered so far.
         *
         * @return the count
         */
        public int queries() {
            return queries.get();
        }
    }

    private CacheVsDatabase() {
    }

    /**
     * Runs 10 lookups against a database that takes 100 ms, 150 ms apart, as in the Go program.
     *
     * @param args optional: the random seed
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : System.nanoTime();
        run(seed, 10, new Cache(), new Database(Latency.of(Duration.ofMillis(100))),
                Latency.of(Duration.ofMillis(150)),
                a -> System.out.println("lookup " + a.lookup() + ": from " + a.source().name().toLowerCase()
                        + "\t" + a.book()));
    }

    /**
     * Runs {@code lookups} lookups of random ids (1 to 10).
     *
     * @param seed     the seed of the random ids
     * @param lookups  how many lookups
     * @param cache    the cache (possibly pre-filled)
     * @param database the database
     * @param pause    the pause between starting two lookups (Go: {@code time.Sleep(150 * time.Millisecond)})
     * @param onAnswer called with each answer as soon as the select has it
     * @return one answer per lookup, in lookup order, once every goroutine of every lookup has finished
     * @throws InterruptedException if interrupted
     */
    public static List<Answer> run(long seed, int lookups, Cache cache, Database database, Latency pause,
                                   Consumer<Answer> onAnswer) throws InterruptedException {
        var rnd = new Random(seed);
        var wg = new WaitGroup();
        var answers = new ConcurrentLinkedQueue<Answer>();
        for (int i = 0; i < lookups; i++) {
            int lookup = i;
            int id = rnd.nextInt(BOOKS.size()) + 1;
            Channel<Book> fromCache = Channel.buffered(1);
            Channel<Book> fromDatabase = Channel.buffered(1);
            wg.go(() -> cache.get(id).ifPresent(fromCache::trySend)); // a miss sends nothing
            wg.go(() -> {
                Optional<Book> book = database.query(id);
                if (book.isPresent()) {
                    cache.put(book.get());
                    fromDatabase.trySend(book.get()); // never blocks: a late answer stays unread
                }
            });
            wg.go(() -> {
                Answer answer = Select.builder()
                        .onReceive(fromCache, b -> new Answer(lookup, id, Source.CACHE, b))
                        .onReceive(fromDatabase, b -> new Answer(lookup, id, Source.DATABASE, b))
                        .select();
                answers.add(answer);
                onAnswer.accept(answer);
            });
            pause.await();
        }
        wg.await();
        List<Answer> ordered = new ArrayList<>(answers);
        ordered.sort(Comparator.comparingInt(Answer::lookup));
        return ordered;
    }
}
