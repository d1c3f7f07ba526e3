package com.chengshi.hotline.agi;

import com.chengshi.hotline.flow.LineCheck;
import com.chengshi.hotline.flow.LineReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * §15 over FastAGI: the call back the dialer placed runs the script {@code hotline-callback} with the options its
 * Originate set (dialplan/extensions_callback.conf), as a real Asterisk 22 sends them (captures 00, 15).
 */
class CallBackScriptTest {

    private static final LineCheck NOT_USED = (call, window) -> LineReport.nothingHeard(window.toMillis());
    /** Request 1, attempt 2, asked for at the epoch (long ago: "a few days ago"), dialled by node-a. */
    private static final String SCRIPT = "hotline-callback?request=1&attempt=2&requested=1&by=node-a"
            + "&number=13800138000&lang=zh-CN";

    private HotlineAgiFixture hotline;

    @AfterEach
    void stop() {
        hotline.close();
    }

    private void aRequestWasLeft() {
        hotline.db.sql("insert into hotline_call (id, connected_at, language) values (1, current_timestamp, 'zh-CN')")
                .update();
        hotline.db.sql("""
                insert into callback_request (id, call_id, callback_number, status, created_at, attempts)
                values (1, 1, '13800138000', 'NO_ANSWER', current_timestamp, 2)""").update();
    }

    private Map<String, Object> theCallBack() {
        return hotline.db.sql("select * from hotline_call where direction = 'OUT'").query().singleRow();
    }

    private Map<String, Object> lastChange() {
        return hotline.db.sql("select status, note, changed_by from callback_update order by id desc"
                + " fetch first 1 row only").query().singleRow();
    }

    private FakeAsterisk saysWhoCallsAndWhen(FakeAsterisk asterisk, String key) throws IOException {
        return asterisk.callsScript(SCRIPT, "4000000000")
                .expect("ANSWER", "200 result=0")
                .expect("STREAM FILE \"/sounds/zh-CN/calling-back-hello\" \"\"", "200 result=0 endpos=20000")
                .expect("STREAM FILE \"/sounds/zh-CN/calling-back-earlier\" \"\"", "200 result=0 endpos=30000")
                .expect("STREAM FILE \"/sounds/zh-CN/calling-back-convenient\" \"0123456789*#\"",
                        "200 result=" + (int) key.charAt(0) + " endpos=12000");
    }

    @Test
    void theCustomerWhoHasTimeIsPutThroughAndTheRequestIsReached() throws IOException {
        hotline = HotlineAgiFixture.start(NOT_USED, "hotline.flow.hold.queue", "hotline-zh-CN");
        aRequestWasLeft();
        try (FakeAsterisk asterisk = hotline.call()) {
            saysWhoCallsAndWhen(asterisk, "1")
                    .expect("STREAM FILE \"/sounds/zh-CN/hold-please-wait\" \"\"", "200 result=0 endpos=24000")
                    .expect("SET VARIABLE \"QUEUESTATUS\" \"\"", "200 result=1")
                    // 15 (c): the member answers, talks and hangs up.
                    .expect("EXEC \"Queue\" \"hotline-zh-CN,,,,90\"", "200 result=-1")
                    .expect("GET VARIABLE \"QUEUESTATUS\"", "200 result=1 ()")
                    .expect("CHANNEL STATUS", "200 result=6")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"TRANSFERRED\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(theCallBack()).containsEntry("OUTCOME", "TRANSFERRED").containsEntry("CALLBACK_ID", 1L)
                .containsEntry("ATTEMPT", 2).containsEntry("DIALLED_NUMBER", "13800138000")
                .containsEntry("ENDED_IN_STEP", "putting-through");
        assertThat(lastChange()).isEqualTo(Map.of("STATUS", "REACHED", "NOTE", "attempt 2: TRANSFERRED",
                "CHANGED_BY", "dialer@node-a"));
        assertThat(hotline.db.sql("select status from callback_request").query(String.class).single())
                .isEqualTo("REACHED");
    }

    @Test
    void theCustomerWhoAsksToBeCalledLaterIsCalledLater() throws IOException {
        hotline = HotlineAgiFixture.start(NOT_USED);
        aRequestWasLeft();
        try (FakeAsterisk asterisk = hotline.call()) {
            saysWhoCallsAndWhen(asterisk, "2")
                    .expect("STREAM FILE \"/sounds/zh-CN/calling-back-later\" \"\"", "200 result=0 endpos=24000")
                    .expect("WAIT FOR DIGIT 3000", "200 result=-1", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALL_BACK_LATER\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(theCallBack()).containsEntry("OUTCOME", "CALL_BACK_LATER").containsEntry("HUNG_UP_BY", "CALLER");
        assertThat(lastChange()).containsEntry("STATUS", "CALL_LATER");
    }

    @Test
    void aCallBackWithoutItsRequestIsHandedBackToTheDialplan() throws IOException {
        hotline = HotlineAgiFixture.start(NOT_USED);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline-callback?lang=zh-CN", "4000000000")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR").containsEntry("DIRECTION", "IN");
    }
}
