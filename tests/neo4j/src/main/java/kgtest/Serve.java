package kgtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Test-only Neo4j Community server: embedded DBMS with Bolt on 127.0.0.1:PORT.
 *
 * <pre>
 *   java -jar neo4j-test-server.jar PORT DATA_DIR
 *   java -XX:ArchiveClassesAtExit=X.jsa -jar neo4j-test-server.jar --warmup
 * </pre>
 *
 * DATA_DIR is used as the Neo4j home: store files go to DATA_DIR/data, Neo4j's
 * own logs to DATA_DIR/logs (nothing is logged to stdout/stderr).
 *
 * Prints exactly {@code ready bolt://127.0.0.1:PORT} on stdout once Bolt accepts
 * connections. SIGTERM/SIGINT shut the DBMS down cleanly and exit 0.
 *
 * {@code --warmup} starts a throw-away DBMS in a temp dir, exercises the usual
 * code paths and exits 0: run with -XX:ArchiveClassesAtExit it produces a class
 * data sharing archive that roughly halves later start-up times.
 *
 * Environment:
 *   NEO4J_TEST_PASSWORD   if set (non-empty): auth enabled, user "neo4j" has this
 *                         password (set with ALTER USER unless DATA_DIR's marker
 *                         file says it already is); otherwise auth disabled.
 *   NEO4J_TEST_PAGECACHE  page cache size in MiB (default 64).
 *   NEO4J_TEST_EXIT_ON_STDIN_EOF=1  shut down when stdin reaches EOF, so a
 *                         server started by a test process that dies goes too.
 */
public final class Serve {
    private static final int STARTUP_EXIT = 1;
    private static final int USAGE_EXIT = 2;

    private Serve() {}

    public static void main(String[] args) throws Exception {
        // Anything a library prints on stdout would corrupt the "ready" protocol:
        // keep the real stdout for ourselves and send stray output to stderr.
        PrintStream out = System.out;
        System.setOut(System.err);

        if (args.length == 1 && args[0].equals("--warmup")) {
            warmup();
            System.exit(0);
        }
        if (args.length != 2) {
            System.err.println("usage: Serve PORT DATA_DIR | Serve --warmup");
            System.exit(USAGE_EXIT);
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            System.err.println("Serve: bad port: " + args[0]);
            System.exit(USAGE_EXIT);
        }
        Path home = Path.of(args[1]).toAbsolutePath().normalize();
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password != null && password.isEmpty()) {
            password = null;
        }

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(home);
            dbms = start(home, port, password);
        } catch (Throwable t) {
            die("Neo4j failed to start", t);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    dbms.shutdown();
                } catch (Throwable t) {
                    System.err.println("Serve: error during shutdown: " + t);
                }
            }
            done.countDown();
        }, "neo4j-test-shutdown"));

        // A JVM killed by SIGTERM exits 143 even after running its shutdown hooks;
        // turn the signal into an orderly System.exit(0) instead.
        exitOnSignal("TERM");
        exitOnSignal("INT");

        try {
            waitForBolt(port, 60_000);
        } catch (Throwable t) {
            die("Neo4j started but Bolt is not reachable", t);
            return;
        }

        if ("1".equals(System.getenv("NEO4J_TEST_EXIT_ON_STDIN_EOF"))) {
            Thread watcher = new Thread(Serve::exitOnStdinEof, "neo4j-test-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        out.println("ready bolt://127.0.0.1:" + port);
        out.flush();

        done.await();
    }

    /** Builds and starts the DBMS; with a password, auth is on and "neo4j" has it. */
    static DatabaseManagementService start(Path home, int port, String password) {
        boolean auth = password != null;
        long pageCacheMiB = envLong("NEO4J_TEST_PAGECACHE", 64);
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Tests choose their own passwords; don't impose the 8-char minimum.
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .setConfig(GraphDatabaseSettings.tx_state_memory_allocation,
                        GraphDatabaseSettings.TransactionStateMemoryAllocation.ON_HEAP)
                // Don't reserve 256 MiB transaction log files up front.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(GraphDatabaseSettings.pagecache_warmup_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // Bolt otherwise idles 5 s + 5 s on shutdown even with no clients.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                .build();
        if (auth) {
            // ALTER USER is the first Cypher of the JVM and costs ~3 s cold: skip it
            // when this data dir already got this password from us.
            Path marker = home.resolve(PASSWORD_MARKER);
            String digest = passwordDigest(password);
            try {
                if (!digest.equals(readQuietly(marker))) {
                    Files.deleteIfExists(marker);
                    setPassword(dbms, password);
                    Files.writeString(marker, digest + "\n");
                }
            } catch (IOException | RuntimeException e) {
                dbms.shutdown();
                throw e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
            }
        }
        return dbms;
    }

    /** Records (as a salted digest) the password last set on this data dir. */
    private static final String PASSWORD_MARKER = "neo4j-test-password.sha256";

    private static String passwordDigest(String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] hash = md.digest(("kgtest-neo4j:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Sets the password of the built-in "neo4j" user and clears "change required".
     * Embedded transactions run with full privileges, so no login is needed.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (RuntimeException e) {
            // Restart with the same password: ALTER USER refuses an unchanged password.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    /** Exercises start-up, Cypher, schema, auth and a Bolt handshake, then shuts down. */
    private static void warmup() throws Exception {
        Path home = Files.createTempDirectory("neo4j-test-warmup");
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            // 2nd round: restart path; without the marker ALTER USER sees the same password.
            for (int round = 0; round < 2; round++) {
                Files.deleteIfExists(home.resolve(PASSWORD_MARKER));
                DatabaseManagementService dbms = start(home, port, "warmup");
                try {
                    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
                    db.executeTransactionally(
                            "CREATE CONSTRAINT warm IF NOT EXISTS FOR (n:Warm) REQUIRE n.id IS UNIQUE");
                    db.executeTransactionally(
                            "UNWIND range(1, 100) AS i MERGE (a:Warm {id: i}) "
                                    + "MERGE (b:Warm {id: i + 1000}) MERGE (a)-[:R {w: i}]->(b)");
                    db.executeTransactionally(
                            "MATCH (a:Warm)-[r:R]->(b) WHERE r.w > $x RETURN a.id, count(b) ORDER BY a.id",
                            Map.of("x", 3), result -> {
                                while (result.hasNext()) {
                                    result.next();
                                }
                                return null;
                            });
                    boltHandshake(port);
                } finally {
                    dbms.shutdown();
                }
            }
        } finally {
            deleteTree(home);
        }
    }

    /** Bolt handshake: magic preamble + 4 proposed versions; the server picks one. */
    private static void boltHandshake(int port) throws IOException {
        waitForBolt(port, 30_000);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            OutputStream os = s.getOutputStream();
            os.write(new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17,
                0, 4, 4, 5, // 5.4 .. 5.0 (range form)
                0, 0, 4, 4,
                0, 0, 0, 0,
                0, 0, 0, 0,
            });
            os.flush();
            s.getInputStream().readNBytes(4);
        }
    }

    private static void waitForBolt(int port, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("Bolt not accepting connections on 127.0.0.1:" + port, e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }

    private static void exitOnStdinEof() {
        try {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // ignore input
            }
        } catch (IOException ignored) {
            // treat like EOF
        }
        System.exit(0);
    }

    @SuppressWarnings("restriction")
    private static void exitOnSignal(String name) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig ->
                    // System.exit runs the shutdown hook (DBMS shutdown), then exits 0.
                    new Thread(() -> System.exit(0), "neo4j-test-signal-" + name).start());
        } catch (Throwable t) {
            // Without the handler SIGTERM still runs the shutdown hook (exit 143).
            System.err.println("Serve: cannot handle SIG" + name + ": " + t);
        }
    }

    /** Prints the stack trace, then a one-line summary last (callers show the tail). */
    private static void die(String what, Throwable t) {
        t.printStackTrace();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        System.err.println("Serve: " + what + ": " + root);
        System.err.flush();
        System.exit(STARTUP_EXIT);
    }

    private static long envLong(String name, long dflt) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            System.err.println("Serve: ignoring bad " + name + "=" + v);
            return dflt;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
