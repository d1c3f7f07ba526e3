package com.chengshi.hotline.calls;

import com.chengshi.hotline.console.HotlineTime;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A search as RFC 4180 CSV, times in the hotline's zone. A caller ID is the caller's own text: a field that a
 * spreadsheet would run as a formula (=, +, -, @) is quoted with a leading apostrophe.
 */
final class CallsCsv {

    static final String HEADER = "id,connected_at,answered_at,ended_at,caller_number,channel,seat,language,outcome,"
            + "hung_up_by,ended_in_step,verdict,speech_level_dbfs,noise_floor_dbfs,snr_db,waited_s,length_s,"
            + "direction,callback_id,attempt,dialled_number";

    private CallsCsv() {
    }

    static void write(List<CallQueries.CallRow> calls, HotlineTime time, PrintWriter out) {
        out.print(HEADER + "\r\n");
        for (CallQueries.CallRow call : calls) {
            out.print(Stream.of(call.id(), time.show(call.connectedAt()), time.show(call.answeredAt()),
                            time.show(call.endedAt()), call.callerNumber(), call.channel(), call.seat(),
                            call.language(), call.outcome(), call.hungUpBy(), call.endedInStep(), call.verdict(),
                            call.speechLevelDbfs(), call.noiseFloorDbfs(), call.snrDb(), seconds(call.waited()),
                            seconds(call.length()), call.callbackId() == null ? "IN" : "OUT", call.callbackId(),
                            call.attempt(), call.dialledNumber())
                    .map(CallsCsv::field).collect(Collectors.joining(",")) + "\r\n");
        }
    }

    private static String seconds(Duration duration) {
        return duration == null ? null : String.valueOf(duration.toMillis() / 1000.0);
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.matches(".*[\",\r\n'].*")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
