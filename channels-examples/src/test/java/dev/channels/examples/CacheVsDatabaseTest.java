package dev.channels.examples;

import dev.channels.examples.CacheVsDatabase.Answer;
import dev.channels.examples.CacheVsDatabase.Book;
import dev.channels.examples.CacheVsDatabase.Cache;
import dev.channels.examples.CacheVsDatabase.Database;
import dev.channels.examples.CacheVsDatabase.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CacheVsDatabaseTest {

    private static void assertRightBooks(List<Answer> answers, int lookups) {
        assertEquals(lookups, answers.size(), "one answer per lookup, none lost, none extra");
        for (int i = 0; i < lookups; i++) {
            Answer a = answers.get(i);
            assertEquals(i, a.lookup());
            assertEquals(CacheVsDatabase.BOOKS.get(a.id() - 1), a.book(), "lookup " + i);
        }
    }

    @Test
    void everyLookupIsAnsweredOnceAndTheDatabaseFillsTheCache() throws InterruptedException {
        for (long seed = 0; seed < 20; seed++) {
            var cache = new Cache();
            var db = new Database(Latency.NONE);
            var reported = new ConcurrentLinkedQueue<Answer>();
            List<Answer> answers = CacheVsDatabase.run(seed, 10, cache, db, Latency.NONE, reported::add);

            assertRightBooks(answers, 10);
            assertEquals(Set.copyOf(answers), Set.copyOf(reported), "each answer reported exactly once");
            assertEquals(10, reported.size());
            assertEquals(10, db.queries(), "every database query finished before run returned");
            // The cache starts empty and only database answers fill it, so every id looked up is in the cache at
            // the end. Which source answers a given lookup is a race, even for the first lookup of an id: a later
            // lookup of the same id (started without a pause) may fill the cache before the first one's cache
            // goroutine runs, and a lookup's own database answer may reach the cache before its own cache query.
            Set<Integer> seen = new HashSet<>();
            for (Answer a : answers) {
                seen.add(a.id());
            }
            assertEquals(seen, cache.snapshot().keySet(), "the database answers filled the cache");
            cache.snapshot().forEach((id, book) -> assertEquals(CacheVsDatabase.BOOKS.get(id - 1), book));
        }
    }

    @Test
    void cacheAnswerWinsWhileTheDatabaseIsSlowAndTheLateAnswerIsDiscarded() throws InterruptedException {
        var cache = new Cache();
        CacheVsDatabase.BOOKS.forEach(cache::put);
        int lookups = 10;
        var allAnswered = new CountDownLatch(lookups);
        var db = new Database(allAnswered::await); // cannot answer before every lookup has its answer
        List<Answer> answers = CacheVsDatabase.run(42, lookups, cache, db, Latency.NONE, a -> allAnswered.countDown());

        assertRightBooks(answers, lookups);
        assertTrue(answers.stream().allMatch(a -> a.source() == Source.CACHE), answers.toString());
        assertEquals(lookups, db.queries(), "the database did answer, late, and was ignored");
    }

    @Test
    void databaseAnswersWhenTheCacheMisses() throws InterruptedException {
        var cache = new Cache();
        var db = new Database(Latency.NONE);
        List<Answer> answers = CacheVsDatabase.run(7, 1, cache, db, Latency.NONE, a -> { });
        assertEquals(1, answers.size());
        assertEquals(Source.DATABASE, answers.get(0).source());
        Book b = answers.get(0).book();
        assertEquals(b, cache.get(b.id()).orElseThrow());
    }
}
