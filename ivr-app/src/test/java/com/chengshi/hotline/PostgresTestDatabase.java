package com.chengshi.hotline;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A schema of its own on the test PostgreSQL, dropped when closed, so that test runs and tests never see each other's
 * rows. The server is {@code HOTLINE_TEST_POSTGRES_URL} ({@value #DEFAULT_URL}) as {@code HOTLINE_TEST_POSTGRES_USER}
 * / {@code HOTLINE_TEST_POSTGRES_PASSWORD} (hotline / hotline), which {@code .ci/run} installs, starts and creates.
 * Without a server the test is skipped with one line saying how to get one.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/hotline_test";
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private static final String SERVER_URL = setting("HOTLINE_TEST_POSTGRES_URL", DEFAULT_URL);
    private final String serverUrl = SERVER_URL;
    private final String user = setting("HOTLINE_TEST_POSTGRES_USER", "hotline");
    private final String password = setting("HOTLINE_TEST_POSTGRES_PASSWORD", "hotline");
    private final String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private PostgresTestDatabase() {
        dataSource.setURL(serverUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(3);
    }

    /** A fresh, empty schema; skips the test when no server can be reached. */
    public static PostgresTestDatabase create() {
        PostgresTestDatabase database = new PostgresTestDatabase();
        try (Connection connection = database.dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + database.schema);
        } catch (SQLException e) {
            String how = "PostgreSQL tests skipped: no server at " + database.serverUrl + " as " + database.user
                    + " (" + e.getMessage() + "); start one as .ci/run does (apt-get install postgresql; pg_ctlcluster "
                    + "15 main start; role and database hotline_test, password hotline) or set "
                    + "HOTLINE_TEST_POSTGRES_URL/_USER/_PASSWORD";
            if (TOLD.compareAndSet(false, true)) {
                System.err.println(how);
            }
            Assumptions.abort(how);
        }
        database.dataSource.setCurrentSchema(database.schema);
        return database;
    }

    /** The test server's JDBC URL, as the environment names it. */
    public static String serverUrl() {
        return SERVER_URL;
    }

    /** Connections whose tables are this schema's. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL of this schema, for a hotline in its own process ({@code spring.datasource.url}). */
    public String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema " + schema + " cascade");
        }
    }

    private static String setting(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
