package com.chengshi.hotline.agi;

import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.calllog.NodeProperties;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.HotlineFlow;
import com.chengshi.hotline.flow.LineCheck;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The hotline's FastAGI server on a free port with an in-memory call log, for protocol tests. */
public final class HotlineAgiFixture implements AutoCloseable {

    final JdbcClient db;
    final FastAgiServer server;

    private HotlineAgiFixture(Map<String, String> config, LineCheck lineCheck) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        db = JdbcClient.create(dataSource);
        Map<String, String> all = new HashMap<>(Map.of(
                "hotline.agi.port", "0",
                "hotline.flow.greet-by-time-of-day", "false"));
        all.putAll(config);
        Binder binder = new Binder(new MapConfigurationPropertySource(all));
        AgiProperties agi = binder.bindOrCreate("hotline.agi", AgiProperties.class);
        FlowProperties flow = binder.bindOrCreate("hotline.flow", FlowProperties.class);
        Clock clock = Clock.systemUTC();
        server = new FastAgiServer(agi, new HotlineFlow(flow, lineCheck, prompt -> false, clock), new CallLog(db, new DataSourceTransactionManager(dataSource), clock,
                binder.bindOrCreate("hotline", NodeProperties.class)), PROMPTS);
        server.start();
    }

    static HotlineAgiFixture start(LineCheck lineCheck, String... config) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < config.length; i += 2) {
            map.put(config[i], config[i + 1]);
        }
        return new HotlineAgiFixture(map, lineCheck);
    }

    FakeAsterisk call() throws java.io.IOException {
        return FakeAsterisk.connect(server.port());
    }

    /** Prompts live in /sounds/<language>/<id>; "missing-prompt" has no audio at all. */
    public static final PromptFiles PROMPTS = new PromptFiles() {
        @Override
        public Optional<String> playable(String promptId, String language, int seat) {
            if (promptId.equals("missing-prompt")) {
                return Optional.empty();
            }
            return Optional.of("/sounds/" + language + "/" + promptId + (promptId.startsWith("greeting") ? "-seat"
                    + seat : ""));
        }

        @Override
        public Optional<String> numberAudio(String number, String language) {
            return Optional.of("/sounds/" + language + "/said/number-" + number);
        }

        @Override
        public Optional<String> beep() {
            return Optional.of("/sounds/tones/beep");
        }

        @Override
        public List<String> languages(String requested) {
            return "en-US".equals(requested) ? List.of("en-US", "zh-CN") : List.of("zh-CN", "en-US");
        }
    };

    Map<String, Object> onlyCall() {
        return db.sql("select * from hotline_call").query().singleRow();
    }

    @Override
    public void close() {
        server.stop();
    }
}
